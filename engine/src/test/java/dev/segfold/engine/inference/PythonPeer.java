package dev.segfold.engine.inference;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs a short script with Debian's /usr/bin/python3 (which has numpy and scipy) so that tests can
 * compare against the reference implementation; tests skip where the interpreter or a module is
 * absent.
 */
public final class PythonPeer {
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    private PythonPeer() {}

    private static final Map<String, String> IMPORT_ERRORS = new ConcurrentHashMap<>();

    /** Skips the calling test unless /usr/bin/python3 can import every module named (cached per JVM). */
    public static void assumeModules(String... modules) {
        assumeTrue(Files.isExecutable(PYTHON), "skipped: /usr/bin/python3 is absent");
        String key = String.join(",", modules);
        String error = IMPORT_ERRORS.computeIfAbsent(key, k -> {
            Result r = run("import " + k + "\n");
            return r.exitCode == 0 ? "" : r.stderr;
        });
        assumeTrue(error.isEmpty(), "skipped: /usr/bin/python3 cannot import " + key + ": " + error);
    }

    /** Runs {@code script}; returns its stdout, failing with its stderr on a nonzero exit. */
    public static String check(String script) {
        Result r = run(script);
        if (r.exitCode != 0) {
            throw new AssertionError("python peer failed (" + r.exitCode + "): " + r.stderr);
        }
        return r.stdout;
    }

    private record Result(int exitCode, String stdout, String stderr) {}

    private static Result run(String script) {
        try {
            Path file = Files.createTempFile("segfold-peer", ".py");
            Path out = Files.createTempFile("segfold-peer", ".out");
            Path err = Files.createTempFile("segfold-peer", ".err");
            try {
                Files.writeString(file, script);
                Process p = new ProcessBuilder(PYTHON.toString(), file.toString())
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile())
                        .start();
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError("python peer did not finish within 120 s");
                }
                return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(file);
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run python peer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
