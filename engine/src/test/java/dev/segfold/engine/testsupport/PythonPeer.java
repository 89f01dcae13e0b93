package dev.segfold.engine.testsupport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs a script with Debian's {@code /usr/bin/python3} (which has numpy, scipy, skimage, nibabel
 * and torch; the pyenv {@code python3} on PATH does not) as an independent peer that a test
 * compares against. A test first calls {@link #assumeModules} so that it is skipped, not failed,
 * where the interpreter or a module is absent; a run that fails or times out fails the test with
 * the script's output.
 */
public final class PythonPeer {
    /** The interpreter: always this one, never the {@code python3} on PATH. */
    public static final Path PYTHON = Path.of("/usr/bin/python3");
    /** How long a run may take unless the caller says otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

    /** Per module: "" where it imports, else why not; one interpreter start per module and JVM. */
    private static final Map<String, String> IMPORT_ERRORS = new ConcurrentHashMap<>();

    private PythonPeer() {}

    /** Skips the calling test unless /usr/bin/python3 exists and can import every module named. */
    public static void assumeModules(String... modules) {
        assumeTrue(Files.isExecutable(PYTHON), "skipped: " + PYTHON + " is absent (Python peer)");
        for (String module : modules) {
            String error = IMPORT_ERRORS.computeIfAbsent(module, PythonPeer::importError);
            assumeTrue(error.isEmpty(), "skipped: " + PYTHON + " cannot import " + module + ": " + error);
        }
    }

    private static String importError(String module) {
        try {
            Result r = exec(List.of("-c", "import " + module), "", Duration.ofSeconds(60));
            return r.exitCode() == 0 ? "" : lastLine(r.stderr());
        } catch (AssertionError e) {
            return e.getMessage();
        }
    }

    /** Runs the script {@code source} with no input; returns its stdout. */
    public static String run(String source) {
        return run(source, "", DEFAULT_TIMEOUT);
    }

    /** Runs the script {@code source} with {@code stdin} as its input and {@code args} as sys.argv[1:]. */
    public static String run(String source, String stdin, Duration timeout, String... args) {
        try {
            Path file = Files.createTempFile("segfold-peer", ".py");
            try {
                Files.writeString(file, source);
                return runFile(file, stdin, timeout, args);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot write the python peer script", e);
        }
    }

    /** Runs the script file {@code script} with {@code args}; returns its stdout. */
    public static String runFile(Path script, String... args) {
        return runFile(script, "", DEFAULT_TIMEOUT, args);
    }

    /** Runs the script file {@code script} with {@code stdin}, {@code args} and a timeout; returns its stdout. */
    public static String runFile(Path script, String stdin, Duration timeout, String... args) {
        List<String> arguments = new ArrayList<>();
        arguments.add(script.toString());
        arguments.addAll(List.of(args));
        Result r = exec(arguments, stdin, timeout);
        if (r.exitCode() != 0) {
            throw new AssertionError("python peer " + script.getFileName() + " failed (exit " + r.exitCode()
                    + "):\n" + r.stderr() + (r.stdout().isEmpty() ? "" : "\nstdout:\n" + r.stdout()));
        }
        return r.stdout();
    }

    /**
     * Runs the script that is the class-path resource {@code resource} (resolved as
     * {@link Class#getResource} does, relative to {@code anchor}'s package unless it starts with
     * '/'); returns its stdout.
     */
    public static String runResource(Class<?> anchor, String resource, Duration timeout, String... args) {
        URL url = anchor.getResource(resource);
        if (url == null) {
            throw new AssertionError("no peer script " + resource + " beside " + anchor.getName());
        }
        try {
            if ("file".equals(url.getProtocol())) {
                return runFile(Path.of(url.toURI()), "", timeout, args);
            }
            try (InputStream in = url.openStream()) {
                return run(new String(in.readAllBytes(), StandardCharsets.UTF_8), "", timeout, args);
            }
        } catch (IOException | URISyntaxException e) {
            throw new AssertionError("cannot read the peer script " + url, e);
        }
    }

    private record Result(int exitCode, String stdout, String stderr) {}

    /**
     * stdin, stdout and stderr go through files, so that no pipe can fill up and block the
     * interpreter while this side waits for it.
     */
    private static Result exec(List<String> arguments, String stdin, Duration timeout) {
        List<String> command = new ArrayList<>();
        command.add(PYTHON.toString());
        command.addAll(arguments);
        Path in = null;
        Path out = null;
        Path err = null;
        try {
            in = Files.createTempFile("segfold-peer", ".in");
            out = Files.createTempFile("segfold-peer", ".out");
            err = Files.createTempFile("segfold-peer", ".err");
            Files.writeString(in, stdin);
            Process p = new ProcessBuilder(command)
                    .redirectInput(in.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("python peer did not finish within " + timeout.toSeconds() + " s: "
                        + String.join(" ", command));
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + String.join(" ", command), e);
        } finally {
            deleteQuietly(in);
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a temp file left behind is harmless; the run's own outcome matters more
            }
        }
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines[lines.length - 1];
    }
}
