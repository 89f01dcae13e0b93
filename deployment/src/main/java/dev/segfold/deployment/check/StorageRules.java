package dev.segfold.deployment.check;

import dev.segfold.contracts.storage.Buckets;
import dev.segfold.contracts.storage.CheckpointLayout;
import dev.segfold.contracts.topics.Service;
import dev.segfold.contracts.topics.Topics;
import dev.segfold.deployment.compose.ComposeService;
import dev.segfold.deployment.compose.ComposeVariables;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MinIO as the evaluator expects it: one Kafka notification target sending to
 * {@link Topics#STORAGE_EVENTS} through the brokers the services use, with an absolute queue
 * folder on MinIO's volume; a job that creates exactly the buckets of {@link Buckets#defaults()}
 * and the put notification of the runs bucket filtered on {@link CheckpointLayout#MANIFEST};
 * root credentials from variables that {@code .env.example} documents.
 */
final class StorageRules {

    private static final Pattern ENABLE = Pattern.compile("MINIO_NOTIFY_KAFKA_ENABLE_([A-Za-z0-9_]+)");
    private static final Pattern MAKE_BUCKET = Pattern.compile("mc\\s+mb\\s+(?:--?[a-z-]+\\s+)*([^\\s/]+)/(\\S+)");
    private static final Pattern ALIAS = Pattern.compile("mc\\s+alias\\s+set\\s+(\\S+)\\s+(\\S+)");

    private StorageRules() {
    }

    static List<Finding> check(Deployment deployment) {
        List<Finding> findings = new ArrayList<>();
        Optional<ComposeService> store = deployment.objectStore();
        if (store.isEmpty()) {
            findings.add(new Finding(Deployment.COMPOSE_FILE, "services", "no single MinIO server (one service running "
                    + Deployment.MINIO_SERVER_IMAGES + " with the command server)"));
            return findings;
        }
        Optional<String> targetId = notificationTarget(deployment, store.get(), findings);
        credentials(deployment, store.get(), findings);
        Optional<ComposeService> job = deployment.bucketJob();
        if (job.isEmpty()) {
            findings.add(new Finding(Deployment.COMPOSE_FILE, "services", "no single bucket job (a service running mc alias set)"));
        } else {
            bucketJob(deployment, job.get(), store.get(), targetId, findings);
        }
        return findings;
    }

    private static Optional<String> notificationTarget(Deployment deployment, ComposeService store,
                                                       List<Finding> findings) {
        String name = store.name();
        List<String> ids = new ArrayList<>();
        for (Map.Entry<String, Object> entry : store.environment().entrySet()) {
            Matcher matcher = ENABLE.matcher(entry.getKey());
            if (!matcher.matches()) {
                continue;
            }
            if (!(entry.getValue() instanceof String value) || !value.equals("on")) {
                findings.add(new Finding(name, "environment." + entry.getKey(), entry.getValue()
                        + " is not the string \"on\" (quote it: YAML 1.1 reads a bare on as a boolean)"));
                continue;
            }
            ids.add(matcher.group(1));
        }
        if (ids.size() != 1) {
            findings.add(new Finding(name, "environment.MINIO_NOTIFY_KAFKA_ENABLE_<ID>",
                    ids.size() + " Kafka notification targets enabled, expected exactly one"));
            return Optional.empty();
        }
        String id = ids.get(0);
        String topicKey = "MINIO_NOTIFY_KAFKA_TOPIC_" + id;
        if (!store.env(topicKey).orElse("").equals(Topics.STORAGE_EVENTS)) {
            findings.add(new Finding(name, "environment." + topicKey,
                    store.env(topicKey).orElse("missing") + " is not Topics.STORAGE_EVENTS " + Topics.STORAGE_EVENTS));
        }
        String brokersKey = "MINIO_NOTIFY_KAFKA_BROKERS_" + id;
        Optional<String> servicesBrokers = deployment.compose().find(Service.EVALUATOR.id())
                .flatMap(s -> s.env("KAFKA_BOOTSTRAP_SERVERS"));
        if (store.env(brokersKey).isEmpty() || !store.env(brokersKey).equals(servicesBrokers)) {
            findings.add(new Finding(name, "environment." + brokersKey, store.env(brokersKey).orElse("missing")
                    + " is not the brokers the evaluator reads from (" + servicesBrokers.orElse("none") + ")"));
        }
        String queueKey = "MINIO_NOTIFY_KAFKA_QUEUE_DIR_" + id;
        Optional<String> queueDir = store.env(queueKey);
        if (queueDir.isEmpty() || !queueDir.get().startsWith("/")) {
            findings.add(new Finding(name, "environment." + queueKey, queueDir.orElse("missing")
                    + " is not an absolute path (MinIO keeps undelivered events there while Kafka is down)"));
        } else if (store.volumes().stream().noneMatch(v -> v.source().isPresent()
                && Path.of(queueDir.get()).normalize().startsWith(Path.of(v.target()).normalize()))) {
            findings.add(new Finding(name, "environment." + queueKey,
                    queueDir.get() + " is on no named volume: queued events would not survive a restart"));
        }
        if (!store.command().contains("server")) {
            findings.add(new Finding(name, "command", store.command() + " does not start the MinIO server"));
        }
        return Optional.of(id);
    }

    private static void credentials(Deployment deployment, ComposeService store, List<Finding> findings) {
        for (String variable : List.of("MINIO_ROOT_USER", "MINIO_ROOT_PASSWORD")) {
            Optional<String> value = store.env(variable);
            Optional<ComposeVariables.Reference> reference = value.flatMap(ComposeVariables::wholeValueReference);
            if (reference.isEmpty()) {
                findings.add(new Finding(store.name(), "environment." + variable, value.map(v -> "a literal value")
                        .orElse("missing") + ": the root credentials must come from a variable (${" + variable + ":?...})"));
                continue;
            }
            if (!reference.get().required()) {
                findings.add(new Finding(store.name(), "environment." + variable, value.get()
                        + " has a default: a deployment must not start with a credential written in the file"));
            }
            String documented = deployment.envExample().get(reference.get().name());
            if (documented == null || documented.isBlank()) {
                findings.add(new Finding(Deployment.ENV_EXAMPLE, reference.get().name(),
                        "not documented with a value (the Compose file requires it)"));
            }
        }
    }

    private static void bucketJob(Deployment deployment, ComposeService job, ComposeService store,
                                  Optional<String> targetId, List<Finding> findings) {
        String name = job.name();
        String script = job.script();
        String repository = Deployment.imageRepository(job);
        if (!Deployment.MINIO_SERVER_IMAGES.contains(repository) && !Deployment.MINIO_CLIENT_IMAGES.contains(repository)) {
            findings.add(new Finding(name, "image", job.image().orElse("missing") + " is not a maintained MinIO server "
                    + "or client image " + Deployment.MINIO_SERVER_IMAGES + " " + Deployment.MINIO_CLIENT_IMAGES));
        }
        ServiceConfigurationRules.credential(job, "MINIO_ROOT_USER", store, "MINIO_ROOT_USER", findings);
        ServiceConfigurationRules.credential(job, "MINIO_ROOT_PASSWORD", store, "MINIO_ROOT_PASSWORD", findings);
        Matcher alias = ALIAS.matcher(script);
        String aliasName = null;
        if (!alias.find()) {
            findings.add(new Finding(name, "command", "no `mc alias set` for the MinIO service"));
        } else {
            aliasName = alias.group(1);
            String expected = "http://" + store.name() + ":" + ServiceConfigurationRules.apiPort(store);
            if (!alias.group(2).equals(expected)) {
                findings.add(new Finding(name, "command", "mc alias " + aliasName + " points at " + alias.group(2)
                        + ", not " + expected));
            }
        }
        Set<String> created = new TreeSet<>();
        Matcher bucket = MAKE_BUCKET.matcher(script);
        while (bucket.find()) {
            created.add(bucket.group(2));
        }
        Buckets buckets = Buckets.defaults();
        Set<String> expected = new TreeSet<>(List.of(buckets.datasets(), buckets.runs(), buckets.cache()));
        if (!created.equals(expected)) {
            findings.add(new Finding(name, "command", "mc mb creates " + created + ", expected exactly the buckets "
                    + expected + " of dev.segfold.contracts.storage.Buckets"));
        }
        List<String> events = script.lines().map(String::strip).filter(l -> l.startsWith("mc event add")).toList();
        if (events.size() != 1) {
            findings.add(new Finding(name, "command", events.size() + " `mc event add` lines, expected one"));
            return;
        }
        eventAdd(name, events.get(0), aliasName, buckets.runs(), targetId, findings);
        if (!job.dependsOn().getOrDefault(store.name(), "").equals("service_healthy")) {
            findings.add(new Finding(name, "depends_on." + store.name(), "must be service_healthy"));
        }
    }

    private static void eventAdd(String name, String line, String aliasName, String runsBucket,
                                 Optional<String> targetId, List<Finding> findings) {
        String[] words = line.split("\\s+");
        Map<String, String> options = new LinkedHashMap<>();
        List<String> arguments = new ArrayList<>();
        for (int i = 3; i < words.length; i++) {
            if (words[i].startsWith("--")) {
                boolean flag = words[i].equals("--ignore-existing") || i + 1 >= words.length
                        || words[i + 1].startsWith("--");
                options.put(words[i], flag ? "" : words[++i]);
            } else {
                arguments.add(words[i]);
            }
        }
        String where = "command: " + line;
        if (arguments.size() != 2 || !arguments.get(0).equals(aliasName + "/" + runsBucket)) {
            findings.add(new Finding(name, where, "the notification must be on " + aliasName + "/" + runsBucket));
        }
        String expectedArn = "arn:minio:sqs::" + targetId.orElse("<ID>") + ":kafka";
        if (arguments.size() < 2 || !arguments.get(1).equals(expectedArn)) {
            findings.add(new Finding(name, where, "the target must be " + expectedArn
                    + " (the Kafka target MINIO_NOTIFY_KAFKA_ENABLE_" + targetId.orElse("<ID>") + ")"));
        }
        if (!"put".equals(options.get("--event"))) {
            findings.add(new Finding(name, where, "--event must be put"));
        }
        if (!CheckpointLayout.MANIFEST.equals(options.get("--suffix"))) {
            findings.add(new Finding(name, where, "--suffix must be " + CheckpointLayout.MANIFEST
                    + " (a checkpoint is complete when its manifest lands)"));
        }
        if (options.containsKey("--prefix")) {
            findings.add(new Finding(name, where, "--prefix would hide checkpoints of some runs"));
        }
    }
}
