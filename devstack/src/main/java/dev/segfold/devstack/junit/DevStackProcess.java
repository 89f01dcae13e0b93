package dev.segfold.devstack.junit;

import dev.segfold.devstack.DevStackMain;
import dev.segfold.devstack.Endpoints;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@link DevStackMain} as a child process on fixed ports and a fixed data directory, as
 * {@code ./segfold up} runs it: for tests that kill the whole devstack and start it again (issue 9).
 * The classpath is this JVM's.
 */
public final class DevStackProcess implements AutoCloseable {

    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    private final List<String> command;
    private final Map<String, String> env;
    private final Path endpointsFile;
    private final Path log;
    private Process process;
    private Endpoints endpoints;

    private DevStackProcess(List<String> command, Map<String, String> env, Path endpointsFile, Path log) {
        this.command = command;
        this.env = env;
        this.endpointsFile = endpointsFile;
        this.log = log;
    }

    /**
     * Starts a devstack keeping its data in {@code dataDir} on free ports picked now and kept
     * for every restart, and waits until it is up.
     *
     * @param env  extra environment (for example fixed credentials); empty for the stored ones
     * @param args extra {@link DevStackMain} options, e.g. {@code --suffix segfold-runs=checkpoint.json}
     */
    public static DevStackProcess start(Path dataDir, Path endpointsFile, Path log, Map<String, String> env,
                                        String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(JAVA, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                DevStackMain.class.getName(), "--endpoints-file", endpointsFile.toString(),
                "--data-dir", dataDir.toString(), "--kafka-port", freePort(), "--controller-port", freePort(),
                "--s3-port", freePort()));
        command.addAll(List.of(args));
        Files.createDirectories(endpointsFile.toAbsolutePath().getParent());
        DevStackProcess stack = new DevStackProcess(command, Map.copyOf(env), endpointsFile, log);
        stack.launch();
        return stack;
    }

    /** Where the running devstack is (credentials included). */
    public Endpoints endpoints() {
        return endpoints;
    }

    /** The process, for its pid and exit status. */
    public Process process() {
        return process;
    }

    /** Kills the devstack with SIGKILL: no shutdown hook, no flush, as a crash or an OOM kill. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Starts the devstack again with the same command (after {@link #kill()} or a stop). */
    public void launch() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("the devstack is running (pid " + process.pid() + ")");
        }
        Files.deleteIfExists(endpointsFile); // a killed devstack leaves its file behind
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        process = builder.start();
        endpoints = awaitEndpoints(Duration.ofMinutes(3));
    }

    /** The devstack's log so far. */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Waits for the endpoints file, which is moved into place atomically once the stack is up. */
    private Endpoints awaitEndpoints(Duration timeout) throws IOException, InterruptedException {
        try (WatchService watch = endpointsFile.getFileSystem().newWatchService()) {
            endpointsFile.toAbsolutePath().getParent().register(watch, StandardWatchEventKinds.ENTRY_CREATE);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!Files.exists(endpointsFile)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("devstack exited with " + process.exitValue() + ":\n" + log());
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("no endpoints file after " + timeout + ":\n" + log());
                }
                WatchKey key = watch.poll(Math.min(left, TimeUnit.SECONDS.toNanos(1)), TimeUnit.NANOSECONDS);
                if (key != null) {
                    key.pollEvents();
                    key.reset();
                }
            }
        }
        return Endpoints.read(endpointsFile);
    }

    private static String freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return Integer.toString(socket.getLocalPort());
        }
    }

    /** Stops the devstack with SIGTERM (SIGKILL after 60 s). */
    @Override
    public void close() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
