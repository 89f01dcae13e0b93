package dev.segfold.engine.split;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Runs a short script in Debian's /usr/bin/python3 (which has numpy) as an independent peer for
 * tests; the calling test is skipped, not failed, where that interpreter or module is absent.
 */
public final class PythonPeer {
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    private PythonPeer() {
    }

    /** Skips the calling test unless /usr/bin/python3 can import {@code module}. */
    public static void assumeModule(String module) {
        assumeTrue(Files.isExecutable(PYTHON), "skipped: /usr/bin/python3 is absent");
        Result r = exec("import " + module);
        assumeTrue(r.exitCode == 0, "skipped: /usr/bin/python3 has no module " + module);
    }

    /** Runs the script and returns its stdout; fails on a non-zero exit. */
    public static String run(String script) {
        Result r = exec(script);
        if (r.exitCode != 0) {
            throw new AssertionError("python peer failed (" + r.exitCode + "): " + r.stderr);
        }
        return r.stdout;
    }

    private record Result(int exitCode, String stdout, String stderr) {
    }

    private static Result exec(String script) {
        try {
            Process p = new ProcessBuilder(PYTHON.toString(), "-c", script).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            byte[] err = p.getErrorStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("python peer timed out");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8),
                    new String(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, "", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
