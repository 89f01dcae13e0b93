package dev.segfold.e2e;

import dev.segfold.contracts.access.ApiRole;
import dev.segfold.devstack.DevStack;
import dev.segfold.devstack.auth.ApiKeys;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The five packaged services ({@code <module>/target/quarkus-app/quarkus-run.jar}) as child
 * processes against a devstack, each on a free port with its own work folder and log file: what
 * {@code ./segfold up} runs, started from a test.
 */
final class ServiceProcesses implements AutoCloseable {
    static final List<String> SERVICES = List.of("config-service", "trainer-service", "evaluator-service",
            "predictor-service", "packager-service");

    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final Map<String, ProcessBuilder> builders = new LinkedHashMap<>();
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Path logs;
    private ApiKeys keys;

    private ServiceProcesses(Path logs) {
        this.logs = logs;
    }

    static ServiceProcesses start(Path repository, DevStack stack, Path work) throws IOException, InterruptedException {
        return start(repository, stack, work, Map.of());
    }

    /**
     * @param extraEnv extra environment per service (e.g. {@code SEGFOLD_CONFIG_RETRY_BACKOFF} for the
     *            config-service), applied over the stack's settings
     */
    static ServiceProcesses start(Path repository, DevStack stack, Path work, Map<String, Map<String, String>> extraEnv)
            throws IOException, InterruptedException {
        ServiceProcesses s = new ServiceProcesses(work.resolve("logs"));
        Files.createDirectories(s.logs);
        // the token issuer of the embedded stack, made as ./segfold up makes .segfold/api-signing-key.pem
        s.keys = ApiKeys.createOrLoad(work.resolve("api-keys"));
        try {
            for (String service : SERVICES) {
                Path jar = repository.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
                if (!Files.isRegularFile(jar)) {
                    throw new IllegalStateException(jar + " is missing: package the services first (mvn -B verify builds them before this module)");
                }
                int port = freePort();
                ProcessBuilder pb = new ProcessBuilder("java", "-Xmx1g", "-Dai.djl.offline=true", "-jar", jar.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(s.logs.resolve(service + ".log").toFile());
                Map<String, String> env = pb.environment();
                env.put("KAFKA_BOOTSTRAP_SERVERS", stack.bootstrapServers());
                env.put("SEGFOLD_S3_ENDPOINT", stack.s3Endpoint().toString());
                env.put("SEGFOLD_S3_ACCESS_KEY", stack.accessKey());
                env.put("SEGFOLD_S3_SECRET_KEY", stack.secretKey());
                env.put("SEGFOLD_S3_REGION", stack.region());
                env.put("SEGFOLD_WORK_DIR", work.resolve(service).toString());
                env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
                env.put("OMP_NUM_THREADS", "1");
                if (service.equals("config-service")) {
                    env.put("QUARKUS_OIDC_PUBLIC_KEY", s.keys.publicKeyBase64());
                    env.put("QUARKUS_OIDC_TOKEN_ISSUER", ApiKeys.ISSUER);
                    env.put("QUARKUS_OIDC_TOKEN_AUDIENCE", ApiKeys.AUDIENCE);
                }
                env.putAll(extraEnv.getOrDefault(service, Map.of()));
                s.builders.put(service, pb);
                s.processes.put(service, pb.start());
                s.ports.put(service, port);
            }
            s.awaitReady(Duration.ofMinutes(4), SERVICES);
            return s;
        } catch (IOException | InterruptedException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    URI api() {
        return URI.create("http://localhost:" + ports.get("config-service"));
    }

    /** An {@code Authorization} header value with a {@code submit} token, as {@code ./segfold run} sends. */
    String bearer() {
        return "Bearer " + keys.token("e2e", ApiRole.SUBMIT, Duration.ofHours(2));
    }

    String log(String service) {
        try {
            return Files.readString(logs.resolve(service + ".log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Stops one service (SIGTERM, then SIGKILL after 20 s), as a crash or an operator would. */
    void stop(String service) throws InterruptedException {
        Process p = processes.get(service);
        p.destroy();
        if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
        }
    }

    /** Starts a stopped service again with the same port and environment; its log is appended to. */
    void restart(String service) throws IOException, InterruptedException {
        ProcessBuilder pb = builders.get(service)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(service + ".log").toFile()));
        processes.put(service, pb.start());
        awaitReady(Duration.ofMinutes(4), List.of(service));
    }

    private void awaitReady(Duration timeout, List<String> services) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(timeout);
        List<String> waiting = new ArrayList<>(services);
        while (!waiting.isEmpty()) {
            for (String service : List.copyOf(waiting)) {
                if (!processes.get(service).isAlive()) {
                    throw new IllegalStateException(service + " exited:\n" + log(service));
                }
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + ports.get(service) + "/q/health/ready"))
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200) {
                        waiting.remove(service);
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("not ready after " + timeout + ": " + waiting);
            }
            if (!waiting.isEmpty()) {
                Thread.onSpinWait();
                processes.get(waiting.get(0)).waitFor(500, java.util.concurrent.TimeUnit.MILLISECONDS);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        processes.values().forEach(Process::destroy);
        for (Process p : processes.values()) {
            try {
                if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
