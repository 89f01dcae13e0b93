package dev.segfold.engine.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/** The peer runner itself: arguments, input, output, failures, timeouts and the skip. */
class PythonPeerTest {
    @BeforeEach
    void needsPython() {
        PythonPeer.assumeModules("sys");
    }

    @Test
    void passesStdinAndArgumentsAndReturnsStdout() {
        String out = PythonPeer.run("import sys\nprint(sys.stdin.read().upper(), *sys.argv[1:])",
                "abc", Duration.ofSeconds(60), "x", "y z");
        assertEquals("ABC x y z\n", out);
    }

    @Test
    void runsAScriptFileAndAResource(@TempDir Path dir) throws Exception {
        Path script = Files.writeString(dir.resolve("s.py"), "import sys\nprint(len(sys.argv) - 1)\n");
        assertEquals("2\n", PythonPeer.runFile(script, "a", "b"));
        assertEquals("hello\n", PythonPeer.runResource(PythonPeerTest.class, "/testsupport/hello.py",
                PythonPeer.DEFAULT_TIMEOUT, "hello"));
    }

    @Test
    void aFailingScriptFailsWithItsStderr() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> PythonPeer.run("import sys\nsys.stderr.write('broken on purpose')\nsys.exit(3)"));
        assertTrue(e.getMessage().contains("exit 3") && e.getMessage().contains("broken on purpose"), e.getMessage());
    }

    @Test
    void aScriptThatRunsTooLongFails() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> PythonPeer.run("import time\ntime.sleep(30)", "", Duration.ofMillis(500)));
        assertTrue(e.getMessage().contains("did not finish"), e.getMessage());
    }

    @Test
    void aMissingModuleSkipsWithItsName() {
        TestAbortedException e = assertThrows(TestAbortedException.class,
                () -> PythonPeer.assumeModules("sys", "segfold_no_such_module"));
        assertTrue(e.getMessage().contains("segfold_no_such_module"), e.getMessage());
    }
}
