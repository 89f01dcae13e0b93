package dev.segfold.deployment.check;

import dev.segfold.contracts.topics.Service;
import dev.segfold.contracts.topics.TopicSpec;
import dev.segfold.contracts.topics.Topics;
import dev.segfold.deployment.compose.ComposeService;
import dev.segfold.deployment.compose.ImageReference;
import dev.segfold.deployment.compose.PortMapping;
import dev.segfold.deployment.properties.ServiceProperties;
import dev.segfold.deployment.properties.TopicUse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Kafka as the services expect it: one KRaft broker in combined mode with single-replica internal
 * topics and a listener for the host, a job that creates exactly the topics of
 * {@link Topics#all()} with their partition counts, and every topic a service's channels name
 * among them (dead letters on the service's own {@link Service#deadLetterTopic()}).
 */
final class MessagingRules {

    /** The Kafka line the deployment is pinned to (the devstack runs the same). */
    static final String KAFKA_TAG_PREFIX = "4.1.";

    private MessagingRules() {
    }

    static List<Finding> check(Deployment deployment) {
        List<Finding> findings = new ArrayList<>();
        Optional<ComposeService> broker = deployment.broker();
        if (broker.isEmpty()) {
            findings.add(new Finding(Deployment.COMPOSE_FILE, "services",
                    "no single Kafka broker (a service setting KAFKA_PROCESS_ROLES)"));
        } else {
            broker(broker.get(), findings);
        }
        Map<String, Integer> created = topicJob(deployment, findings);
        Set<String> contractTopics = Topics.all().stream().map(TopicSpec::name).collect(Collectors.toSet());
        for (Service service : Service.values()) {
            ServiceProperties properties = deployment.properties().get(service);
            if (properties == null) {
                continue;
            }
            for (TopicUse use : properties.topics()) {
                if (!contractTopics.contains(use.topic())) {
                    findings.add(new Finding(service.id(), use.source(),
                            use.topic() + " is not a topic of dev.segfold.contracts.topics.Topics.all()"
                                    + " (" + properties.origin() + ")"));
                } else if (created != null && !created.containsKey(use.topic())) {
                    findings.add(new Finding(service.id(), use.source(),
                            use.topic() + " is not created by the topic job"));
                }
                if (use.role() == TopicUse.Role.DEAD_LETTER && !use.topic().equals(service.deadLetterTopic())) {
                    findings.add(new Finding(service.id(), use.source(), use.topic()
                            + " is not the service's dead-letter topic " + service.deadLetterTopic()));
                }
            }
        }
        return findings;
    }

    private static void broker(ComposeService broker, List<Finding> findings) {
        String name = broker.name();
        broker.image().ifPresent(image -> {
            ImageReference reference = ImageReference.parse(image);
            if (!reference.repository().endsWith("apache/kafka")
                    || !reference.tag().orElse("").startsWith(KAFKA_TAG_PREFIX)) {
                findings.add(new Finding(name, "image", image + " is not apache/kafka:" + KAFKA_TAG_PREFIX + "x"));
            }
        });
        Set<String> roles = Arrays.stream(broker.env("KAFKA_PROCESS_ROLES").orElse("").split(","))
                .map(String::strip).collect(Collectors.toSet());
        if (!roles.equals(Set.of("broker", "controller"))) {
            findings.add(new Finding(name, "environment.KAFKA_PROCESS_ROLES",
                    roles + " is not broker,controller (KRaft combined mode)"));
        }
        Optional<String> nodeId = broker.env("KAFKA_NODE_ID");
        if (nodeId.isEmpty()) {
            findings.add(new Finding(name, "environment.KAFKA_NODE_ID", "missing"));
        }
        Map<String, String> listeners = listeners(broker.env("KAFKA_LISTENERS").orElse(""));
        String controllerName = broker.env("KAFKA_CONTROLLER_LISTENER_NAMES").orElse("").strip();
        String controllerAddress = listeners.getOrDefault(controllerName, "?:?");
        String controllerHost = controllerAddress.substring(0, controllerAddress.lastIndexOf(':'));
        String controllerPort = controllerAddress.substring(controllerAddress.lastIndexOf(':') + 1);
        // a controller bound to every interface is reached by the service's name; one bound to the
        // loopback (the PLAINTEXT controller of a secured broker) by that address
        String expectedVoters = nodeId.orElse("?") + "@" + (controllerHost.isEmpty() || controllerHost.equals("0.0.0.0")
                ? name : controllerHost) + ":" + controllerPort;
        if (!broker.env("KAFKA_CONTROLLER_QUORUM_VOTERS").orElse("").strip().equals(expectedVoters)) {
            findings.add(new Finding(name, "environment.KAFKA_CONTROLLER_QUORUM_VOTERS",
                    broker.env("KAFKA_CONTROLLER_QUORUM_VOTERS").orElse("missing") + ", expected " + expectedVoters
                            + " (node id, the " + controllerName + " listener's host or the service name, its port)"));
        }
        listenerSecurity(broker, listeners, findings);
        broker.environment().keySet().stream()
                .filter(key -> key.endsWith("_REPLICATION_FACTOR") || key.endsWith("_MIN_ISR"))
                .filter(key -> !broker.env(key).orElse("").strip().equals("1"))
                .forEach(key -> findings.add(new Finding(name, "environment." + key,
                        broker.env(key).orElse("") + ": one broker can hold one replica")));
        for (String key : List.of("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR",
                "KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR")) {
            if (broker.env(key).isEmpty()) {
                findings.add(new Finding(name, "environment." + key, "missing: the default 3 cannot be met by one broker"));
            }
        }
        if (!broker.env("KAFKA_AUTO_CREATE_TOPICS_ENABLE").orElse("true").strip().equals("false")) {
            findings.add(new Finding(name, "environment.KAFKA_AUTO_CREATE_TOPICS_ENABLE",
                    "must be \"false\": topics come from the topic job with their partition counts"));
        }
        Map<String, String> advertised = listeners(broker.env("KAFKA_ADVERTISED_LISTENERS").orElse(""));
        boolean hostListener = false;
        for (PortMapping mapping : broker.ports()) {
            if (mapping.hostPort().isPresent()
                    && advertised.containsValue("localhost:" + mapping.hostPort().getAsInt())
                    && listeners.values().stream().anyMatch(a -> a.endsWith(":" + mapping.containerPort()))) {
                hostListener = true;
            }
        }
        if (!hostListener) {
            findings.add(new Finding(name, "ports", "no published port whose listener is advertised as localhost:<port>"
                    + " (kcat and other clients on the host need one)"));
        }
    }

    /**
     * Who may reach the broker and how (issue 10): a listener other containers or the host can
     * reach (any address but the loopback) must authenticate (SASL or mTLS); PLAINTEXT only on the
     * container's loopback, where the broker talks to itself. Every SASL listener has its login
     * module; ACLs decide (StandardAuthorizer, nothing allowed without an ACL), and the only super
     * user is ANONYMOUS, which only the loopback listeners produce.
     */
    private static void listenerSecurity(ComposeService broker, Map<String, String> listeners, List<Finding> findings) {
        String name = broker.name();
        Map<String, String> protocols = listeners(broker.env("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP").orElse("")
                .replace(":", "://"));
        String mechanisms = broker.env("KAFKA_SASL_ENABLED_MECHANISMS").orElse("");
        listeners.forEach((listener, address) -> {
            String host = address.substring(0, Math.max(0, address.lastIndexOf(':')));
            boolean loopback = LOOPBACK.contains(host);
            String protocol = protocols.getOrDefault(listener, listener);
            if (!loopback && !(protocol.startsWith("SASL_") || protocol.equals("SSL"))) {
                findings.add(new Finding(name, "environment.KAFKA_LISTENERS", listener + "://" + address + " is "
                        + protocol + " and reachable from outside the container: use SASL_PLAINTEXT/SASL_SSL (or SSL "
                        + "with client certificates), or bind it to localhost"));
            }
            if (protocol.startsWith("SASL_")) {
                for (String mechanism : mechanisms.split(",")) {
                    String jaas = "KAFKA_LISTENER_NAME_" + listener.toUpperCase(java.util.Locale.ROOT) + "_"
                            + mechanism.strip().replace("-", "___") + "_SASL_JAAS_CONFIG";
                    if (!mechanism.isBlank() && broker.env(jaas).filter(v -> v.contains("LoginModule")).isEmpty()) {
                        findings.add(new Finding(name, "environment." + jaas, "missing: the " + listener
                                + " listener has no login module for " + mechanism.strip()));
                    }
                }
                if (mechanisms.isBlank()) {
                    findings.add(new Finding(name, "environment.KAFKA_SASL_ENABLED_MECHANISMS",
                            "missing: SASL listeners need a mechanism (SCRAM-SHA-512)"));
                }
            }
        });
        if (!broker.env("KAFKA_AUTHORIZER_CLASS_NAME").orElse("").strip()
                .equals("org.apache.kafka.metadata.authorizer.StandardAuthorizer")) {
            findings.add(new Finding(name, "environment.KAFKA_AUTHORIZER_CLASS_NAME", broker.env(
                    "KAFKA_AUTHORIZER_CLASS_NAME").orElse("missing") + ": without the StandardAuthorizer no ACL is checked"));
        }
        if (broker.env("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND").orElse("false").strip().equals("true")) {
            findings.add(new Finding(name, "environment.KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND",
                    "true lets every principal use every resource nobody wrote an ACL for"));
        }
        for (String user : broker.env("KAFKA_SUPER_USERS").orElse("").split(";")) {
            if (!user.isBlank() && !user.strip().equals("User:ANONYMOUS")) {
                findings.add(new Finding(name, "environment.KAFKA_SUPER_USERS", user.strip()
                        + " bypasses every ACL: give it ACLs instead (ANONYMOUS, the loopback listeners' principal, "
                        + "is the only super user)"));
            }
        }
    }

    /** Addresses that only the container itself reaches. */
    static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

    /** {@code NAME://host:port,...} as listener name to {@code host:port}. */
    static Map<String, String> listeners(String value) {
        Map<String, String> listeners = new LinkedHashMap<>();
        for (String listener : value.split(",")) {
            int scheme = listener.indexOf("://");
            if (scheme > 0) {
                listeners.put(listener.substring(0, scheme).strip(), listener.substring(scheme + 3).strip());
            }
        }
        return listeners;
    }

    /** The topics the job creates, {@code null} when there is no job (reported). */
    private static Map<String, Integer> topicJob(Deployment deployment, List<Finding> findings) {
        Optional<ComposeService> job = deployment.topicJob();
        if (job.isEmpty()) {
            findings.add(new Finding(Deployment.COMPOSE_FILE, "services",
                    "no single topic job (a service setting SEGFOLD_TOPICS)"));
            return null;
        }
        String name = job.get().name();
        Map<String, Integer> created = new TreeMap<>();
        for (String spec : job.get().env("SEGFOLD_TOPICS").orElse("").strip().split("\\s+")) {
            int colon = spec.lastIndexOf(':');
            if (colon <= 0 || !spec.substring(colon + 1).matches("[1-9][0-9]*")) {
                findings.add(new Finding(name, "environment.SEGFOLD_TOPICS", spec + " is not topic:partitions"));
                continue;
            }
            created.put(spec.substring(0, colon), Integer.parseInt(spec.substring(colon + 1)));
        }
        Map<String, Integer> expected = new TreeMap<>();
        Topics.all().forEach(t -> expected.put(t.name(), t.partitions()));
        if (!created.equals(expected)) {
            findings.add(new Finding(name, "environment.SEGFOLD_TOPICS",
                    created + " is not Topics.all() " + expected));
        }
        String script = job.get().script();
        if (!script.contains("SEGFOLD_TOPICS") || !script.contains("--create")) {
            findings.add(new Finding(name, "command", "does not create the topics of SEGFOLD_TOPICS"));
        }
        deployment.broker().ifPresent(broker -> {
            if (!job.get().dependsOn().containsKey(broker.name())) {
                findings.add(new Finding(name, "depends_on", "does not wait for " + broker.name()));
            }
        });
        return created;
    }
}
