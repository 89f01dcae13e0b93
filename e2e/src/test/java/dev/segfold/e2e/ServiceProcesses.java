package dev.segfold.e2e;

import dev.segfold.contracts.access.ApiRole;
import dev.segfold.devstack.DevStack;
import dev.segfold.devstack.Endpoints;
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
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, ProcessBuilder> builders = new LinkedHashMap<>();
    /** Instances that were ready once (a killed one is not waited for again). */
    private final java.util.Set<String> ready = new java.util.HashSet<>();
    private final Path logs;
    private ApiKeys keys;

    private ServiceProcesses(Path logs) {
        this.logs = logs;
    }

    /**
     * One process to start: {@code name} tells instances of one service apart (logs, work folder,
     * {@code HOSTNAME}, which trainers put in their lease).
     */
    record Instance(String name, String service, Map<String, String> env) {
        static Instance of(String service) {
            return new Instance(service, service, Map.of());
        }
    }

    static ServiceProcesses start(Path repository, DevStack stack, Path work) throws IOException, InterruptedException {
        return start(repository, stack, work, SERVICES.stream().map(Instance::of).toList());
    }

    /**
     * @param extraEnv extra environment per service (e.g. {@code SEGFOLD_CONFIG_RETRY_BACKOFF} for the
     *            config-service), applied over the stack's settings
     */
    static ServiceProcesses start(Path repository, DevStack stack, Path work, Map<String, Map<String, String>> extraEnv)
            throws IOException, InterruptedException {
        return start(repository, stack, work, SERVICES.stream()
                .map(service -> new Instance(service, service, extraEnv.getOrDefault(service, Map.of()))).toList());
    }

    /** Starts the given instances and waits until every one is ready. */
    static ServiceProcesses start(Path repository, DevStack stack, Path work, List<Instance> instances)
            throws IOException, InterruptedException {
        return start(repository, stack.endpoints(), work, instances);
    }

    /** Starts the given instances on a devstack in another process and waits until every one is ready. */
    static ServiceProcesses start(Path repository, Endpoints stack, Path work, List<Instance> instances)
            throws IOException, InterruptedException {
        ServiceProcesses s = new ServiceProcesses(work.resolve("logs"));
        Files.createDirectories(s.logs);
        // the token issuer of the embedded stack, made as ./segfold up makes .segfold/api-signing-key.pem
        s.keys = ApiKeys.createOrLoad(work.resolve("api-keys"));
        try {
            for (Instance instance : instances) {
                s.launch(repository, stack, work, instance);
            }
            s.awaitReady(Duration.ofMinutes(4));
            return s;
        } catch (IOException | InterruptedException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** Starts one more instance (or one again under a name that exited) and waits until it is ready. */
    void startAnother(Path repository, DevStack stack, Path work, Instance instance)
            throws IOException, InterruptedException {
        launch(repository, stack.endpoints(), work, instance);
        awaitReady(Duration.ofMinutes(4));
    }

    private void launch(Path repository, Endpoints stack, Path work, Instance instance) throws IOException {
        String service = instance.service();
        Path jar = repository.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package the services first (mvn -B verify builds them before this module)");
        }
        int port = freePort();
        ProcessBuilder pb = new ProcessBuilder("java", "-Xmx1g", "-Dai.djl.offline=true", "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(instance.name() + ".log").toFile()));
        Map<String, String> env = pb.environment();
        env.put("KAFKA_BOOTSTRAP_SERVERS", stack.bootstrapServers());
        env.put("SEGFOLD_S3_ENDPOINT", stack.s3Endpoint().toString());
        env.put("SEGFOLD_S3_ACCESS_KEY", stack.accessKey());
        env.put("SEGFOLD_S3_SECRET_KEY", stack.secretKey());
        env.put("SEGFOLD_S3_REGION", stack.region());
        env.put("SEGFOLD_WORK_DIR", work.resolve(instance.name()).toString());
        env.put("HOSTNAME", instance.name());
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("OMP_NUM_THREADS", "1");
        if (service.equals("config-service")) {
            env.put("QUARKUS_OIDC_PUBLIC_KEY", keys.publicKeyBase64());
            env.put("QUARKUS_OIDC_TOKEN_ISSUER", ApiKeys.ISSUER);
            env.put("QUARKUS_OIDC_TOKEN_AUDIENCE", ApiKeys.AUDIENCE);
        }
        env.putAll(instance.env());
        builders.put(instance.name(), pb);
        processes.put(instance.name(), pb.start());
        ports.put(instance.name(), port);
    }

    /** The names of the instances started, in order. */
    List<String> names() {
        return List.copyOf(processes.keySet());
    }

    /** Stops one instance (SIGTERM, then SIGKILL after 20 s), as a crash or an operator would. */
    void stop(String name) throws InterruptedException {
        Process p = processes.get(name);
        p.destroy();
        if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
        }
    }

    /** Starts a stopped instance again with the same port and environment; its log is appended to. */
    void restart(String name) throws IOException, InterruptedException {
        processes.put(name, builders.get(name).start());
        awaitReady(Duration.ofMinutes(4));
    }

    /** Kills an instance with SIGKILL: no shutdown hook, no goodbye to the broker. */
    void kill(String name) throws InterruptedException {
        Process p = processes.get(name);
        p.destroyForcibly();
        p.waitFor();
    }

    /** Stops an instance with SIGTERM and waits for it to exit. */
    void terminate(String name, Duration timeout) throws InterruptedException {
        Process p = processes.get(name);
        p.destroy();
        if (!p.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(name + " did not exit within " + timeout + " of SIGTERM");
        }
    }

    URI api() {
        return URI.create("http://localhost:" + ports.get("config-service"));
    }

    /** POSTs a run spec to {@code /runs} as a submitter; returns the run id of the 202 answer. */
    String submit(String runSpecJson) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(api().resolve("/runs"))
                .header("Content-Type", "application/json").header("Authorization", bearer())
                .POST(HttpRequest.BodyPublishers.ofString(runSpecJson)).timeout(Duration.ofMinutes(3)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 202) {
            throw new AssertionError("POST /runs answered " + r.statusCode() + ": " + r.body());
        }
        return dev.segfold.contracts.json.ContractJson.mapper().readTree(r.body()).path("runId").asText();
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

    private void awaitReady(Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(timeout);
        List<String> waiting = new ArrayList<>(processes.keySet());
        waiting.removeIf(name -> !processes.get(name).isAlive() && ready.contains(name));
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
                        ready.add(service);
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
