package dev.segfold.e2e.bench;

import dev.segfold.devstack.DevStack;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged evaluator-service ({@code evaluator-service/target/quarkus-app/quarkus-run.jar}) as a
 * child process on a devstack, configured as {@code ./segfold up} and the end-to-end test configure
 * it, with its console log in a file the benchmark reads its evaluation-start marks from.
 */
final class EvaluatorProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private EvaluatorProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts the service and waits until {@code /q/health/ready} answers 200.
     *
     * @param javaOptions extra JVM options, e.g. {@code -Dmp.messaging.incoming.storage-events.fetch.max.wait.ms=100}
     *                    (system properties override application.properties)
     */
    static EvaluatorProcess start(Path repository, DevStack stack, Path work, List<String> javaOptions,
            Duration timeout) throws IOException, InterruptedException {
        Path jar = repository.resolve("evaluator-service/target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it with mvn -B -pl evaluator-service -am install -DskipTests");
        }
        Files.createDirectories(work);
        Path log = work.resolve("evaluator-service.log");
        int port = freePort();
        List<String> command = new ArrayList<>(List.of("java", "-Xmx1g", "-Dai.djl.offline=true"));
        command.addAll(javaOptions);
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.put("KAFKA_BOOTSTRAP_SERVERS", stack.bootstrapServers());
        env.put("SEGFOLD_S3_ENDPOINT", stack.s3Endpoint().toString());
        env.put("SEGFOLD_S3_ACCESS_KEY", stack.accessKey());
        env.put("SEGFOLD_S3_SECRET_KEY", stack.secretKey());
        env.put("SEGFOLD_S3_REGION", stack.region());
        env.put("SEGFOLD_WORK_DIR", work.resolve("work").toString());
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("OMP_NUM_THREADS", "1");
        EvaluatorProcess p = new EvaluatorProcess(pb.start(), log);
        try {
            p.awaitReady(URI.create("http://localhost:" + port + "/q/health/ready"), timeout);
            return p;
        } catch (InterruptedException | RuntimeException e) {
            p.close();
            throw e;
        }
    }

    /** The service's log so far, line by line. */
    List<String> logLines() throws IOException {
        return Files.readAllLines(log);
    }

    /** The last {@code chars} characters of the log, for error messages. */
    String logTail(int chars) {
        try {
            String s = Files.readString(log);
            return s.substring(Math.max(0, s.length() - chars));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Throws when the process has exited. */
    void requireAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException("evaluator-service exited (" + process.exitValue() + "):\n" + logTail(4000));
        }
    }

    private void awaitReady(URI health, Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            requireAlive();
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("evaluator-service not ready after " + timeout + ":\n" + logTail(4000));
            }
            process.waitFor(500, TimeUnit.MILLISECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
