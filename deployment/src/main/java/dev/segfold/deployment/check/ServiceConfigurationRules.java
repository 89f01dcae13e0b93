package dev.segfold.deployment.check;

import dev.segfold.contracts.topics.Service;
import dev.segfold.deployment.compose.ComposeService;
import dev.segfold.deployment.compose.ComposeVariables;
import dev.segfold.deployment.compose.Dockerfile;
import dev.segfold.deployment.compose.PortMapping;
import dev.segfold.deployment.compose.VolumeMount;
import dev.segfold.deployment.properties.QuarkusEnvNames;
import dev.segfold.deployment.properties.ServiceProperties;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Each service container gets what its configuration needs: the HTTP port of
 * {@code quarkus.http.port}, an environment variable (Quarkus' mapping of the key) for every key
 * that has no usable default in a container, every property expression resolvable, Kafka and S3
 * addresses that are services of this file, a scratch folder on a volume. Whose credentials
 * they are is AccessRules' concern.
 */
final class ServiceConfigurationRules {

    /**
     * Keys every service needs from the deployment: Kafka and S3 have no usable default inside a
     * container (localhost is the container itself), credentials have none at all (each service its
     * own S3 user and Kafka principal, AccessRules), and the work folder must be on a volume.
     */
    static final List<String> REQUIRED_KEYS = List.of(
            "kafka.bootstrap.servers",
            "segfold.s3.endpoint",
            "segfold.s3.access-key",
            "segfold.s3.secret-key",
            "segfold.work-dir",
            "kafka.security.protocol",
            "kafka.sasl.mechanism",
            "kafka.sasl.jaas.config");

    private static final Pattern LOCAL_URL = Pattern.compile("localhost:([0-9]+)");

    private ServiceConfigurationRules() {
    }

    static List<Finding> check(Deployment deployment) {
        List<Finding> findings = new ArrayList<>();
        for (Service service : Service.values()) {
            Optional<ComposeService> composeService = deployment.compose().find(service.id());
            ServiceProperties properties = deployment.properties().get(service);
            if (composeService.isEmpty() || properties == null) {
                continue; // ServiceImageRules reports those
            }
            ports(composeService.get(), properties, findings);
            environment(deployment, composeService.get(), properties, findings);
            addresses(deployment, composeService.get(), findings);
        }
        return findings;
    }

    private static void ports(ComposeService service, ServiceProperties properties, List<Finding> findings) {
        int port = ServiceImageRules.httpPort(properties, service.name(), findings);
        if (port < 0) {
            return;
        }
        if (service.ports().isEmpty() && service.expose().isEmpty()) {
            findings.add(new Finding(service.name(), "ports/expose",
                    "neither publishes nor exposes quarkus.http.port " + port));
        }
        for (PortMapping mapping : service.ports()) {
            if (mapping.containerPort() != port) {
                findings.add(new Finding(service.name(), "ports",
                        "container port " + mapping.containerPort() + " is not quarkus.http.port " + port
                                + " (" + properties.origin() + ")"));
            }
        }
        for (int exposed : service.expose()) {
            if (exposed != port) {
                findings.add(new Finding(service.name(), "expose",
                        exposed + " is not quarkus.http.port " + port + " (" + properties.origin() + ")"));
            }
        }
        for (String part : service.healthcheck()) {
            Matcher matcher = LOCAL_URL.matcher(part);
            while (matcher.find()) {
                if (Integer.parseInt(matcher.group(1)) != port) {
                    findings.add(new Finding(service.name(), "healthcheck.test",
                            part + " asks port " + matcher.group(1) + ", not quarkus.http.port " + port));
                }
            }
        }
    }

    private static void environment(Deployment deployment, ComposeService service, ServiceProperties properties,
                                    List<Finding> findings) {
        for (String key : REQUIRED_KEYS) {
            String variable = QuarkusEnvNames.of(key);
            if (service.env(variable).filter(v -> !v.isBlank()).isEmpty()) {
                findings.add(new Finding(service.name(), "environment." + variable,
                        "missing: " + key + " has no usable default in a container"));
            }
        }
        Dockerfile dockerfile = service.build()
                .map(b -> b.dockerfileIn(deployment.root()))
                .filter(Files::isRegularFile)
                .map(Dockerfile::load)
                .orElse(null);
        Predicate<String> provided = name -> builtIn(name)
                || service.environment().containsKey(name)
                || service.environment().containsKey(QuarkusEnvNames.of(name))
                || dockerfile != null && (dockerfile.environment().containsKey(name)
                        || dockerfile.environment().containsKey(QuarkusEnvNames.of(name)));
        for (String unresolved : properties.unresolvedExpressions(provided)) {
            findings.add(new Finding(service.name(), unresolved,
                    "nothing provides it (" + properties.origin() + "): set it in the service's environment"));
        }
    }

    /** Names the JVM or Quarkus itself provides: system properties and Quarkus' own values. */
    private static boolean builtIn(String name) {
        return name.startsWith("java.") || name.startsWith("user.") || name.startsWith("os.")
                || name.startsWith("file.") || name.startsWith("quarkus.");
    }

    private static void addresses(Deployment deployment, ComposeService service, List<Finding> findings) {
        service.env("KAFKA_BOOTSTRAP_SERVERS").ifPresent(servers -> {
            Optional<ComposeService> broker = deployment.broker();
            String advertised = broker.flatMap(b -> b.env("KAFKA_ADVERTISED_LISTENERS")).orElse("");
            for (String server : servers.split(",")) {
                String hostPort = server.strip();
                if (broker.isEmpty() || !hostPort.startsWith(broker.get().name() + ":")
                        || !advertised.contains("//" + hostPort)) {
                    findings.add(new Finding(service.name(), "environment.KAFKA_BOOTSTRAP_SERVERS",
                            hostPort + " is not a listener the broker service advertises (" + advertised + ")"));
                }
            }
        });
        service.env("SEGFOLD_S3_ENDPOINT").ifPresent(endpoint -> {
            Optional<ComposeService> store = deployment.objectStore();
            URI uri;
            try {
                uri = URI.create(endpoint.strip());
            } catch (IllegalArgumentException e) {
                findings.add(new Finding(service.name(), "environment.SEGFOLD_S3_ENDPOINT",
                        endpoint + " is not a URL"));
                return;
            }
            int port = uri.getPort() < 0 ? ("https".equals(uri.getScheme()) ? 443 : 80) : uri.getPort();
            if (store.isEmpty() || !store.get().name().equals(uri.getHost()) || port != apiPort(store.get())) {
                findings.add(new Finding(service.name(), "environment.SEGFOLD_S3_ENDPOINT", endpoint
                        + " is not the S3 API of the MinIO service"
                        + store.map(s -> " (http://" + s.name() + ":" + apiPort(s) + ")").orElse("")));
            }
        });
        service.env("SEGFOLD_WORK_DIR").ifPresent(workDir -> {
            Optional<VolumeMount> mount = service.volumes().stream()
                    .filter(v -> Path.of(workDir).normalize().startsWith(Path.of(v.target()).normalize()))
                    .findFirst();
            if (mount.isEmpty()) {
                findings.add(new Finding(service.name(), "environment.SEGFOLD_WORK_DIR",
                        workDir + " is on no volume: data sets, caches and checkpoints would fill the container layer"));
            } else if (mount.get().source().isPresent() && !mount.get().source().get().startsWith(".")
                    && !mount.get().source().get().startsWith("/")
                    && !deployment.compose().namedVolumes().contains(mount.get().source().get())) {
                findings.add(new Finding(service.name(), "volumes", "named volume " + mount.get().source().get()
                        + " is not declared under the top-level volumes:"));
            }
        });
    }

    /** MinIO's S3 port: {@code --address [host]:port} of its command, 9000 by default. */
    static int apiPort(ComposeService minio) {
        List<String> command = minio.command();
        for (int i = 0; i < command.size() - 1; i++) {
            if (command.get(i).equals("--address")) {
                String address = command.get(i + 1);
                return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
            }
        }
        return 9000;
    }

    static void credential(ComposeService service, String variable, ComposeService store, String storeVariable,
                           List<Finding> findings) {
        Optional<String> value = service.env(variable);
        Optional<String> storeValue = store.env(storeVariable);
        if (value.isEmpty() || storeValue.isEmpty()) {
            return; // reported as missing elsewhere
        }
        Optional<ComposeVariables.Reference> reference = ComposeVariables.wholeValueReference(value.get());
        Optional<ComposeVariables.Reference> storeReference = ComposeVariables.wholeValueReference(storeValue.get());
        if (reference.isEmpty()) {
            findings.add(new Finding(service.name(), "environment." + variable,
                    "a literal value: a credential must come from a variable (${" + storeVariable + ":?...})"));
        } else if (storeReference.isEmpty() || !storeReference.get().name().equals(reference.get().name())) {
            findings.add(new Finding(service.name(), "environment." + variable,
                    "${" + reference.get().name() + "} is not the variable of " + store.name() + "'s "
                            + storeVariable + " (" + storeValue.get() + ")"));
        }
    }
}
