package dev.segfold.engine.training;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the PyTorch peer scripts in bench/ with Debian's Python; tests skip where it is absent. */
final class PythonPeer {
    static final Path PYTHON = Path.of("/usr/bin/python3");
    static final Path BENCH = Path.of("..", "bench").toAbsolutePath().normalize();

    private PythonPeer() {}

    static void assumeTorch() throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(PYTHON), "skipped: " + PYTHON + " is absent (PyTorch peer)");
        Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import torch, numpy").redirectErrorStream(true).start();
        boolean done = p.waitFor(60, TimeUnit.SECONDS);
        assumeTrue(done && p.exitValue() == 0, "skipped: torch/numpy not importable by " + PYTHON);
        assumeTrue(Files.isDirectory(BENCH), "skipped: " + BENCH + " not found");
    }

    /** Runs {@code script} with {@code args}; fails with the script's output when it fails. */
    static String run(String script, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(PYTHON.toString(), BENCH.resolve(script).toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(script + " timed out");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IllegalStateException(script + " failed (" + p.exitValue() + "):\n" + text);
        }
        return text;
    }
}
