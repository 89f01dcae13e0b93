package dev.segfold.deployment.check;

import dev.segfold.contracts.topics.Service;
import dev.segfold.deployment.compose.BuildSpec;
import dev.segfold.deployment.compose.ComposeService;
import dev.segfold.deployment.compose.Dockerfile;
import dev.segfold.deployment.compose.ImageReference;
import dev.segfold.deployment.properties.ServiceProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every service module is a Compose service built from its own Dockerfile, and that Dockerfile
 * packages what {@code mvn package} produced ({@code target/quarkus-app/}) and exposes the
 * service's {@code quarkus.http.port}.
 */
final class ServiceImageRules {

    /** What a module's Dockerfile may copy: the Quarkus fast-jar layout {@code mvn package} writes. */
    static final String PACKAGED_APP = "target/quarkus-app";

    private ServiceImageRules() {
    }

    static List<Finding> check(Deployment deployment) {
        List<Finding> findings = new ArrayList<>();
        Set<String> ids = Arrays.stream(Service.values()).map(Service::id).collect(Collectors.toSet());
        for (String module : deployment.reactorModules()) {
            if (module.endsWith("-service") && !ids.contains(module)) {
                findings.add(new Finding("pom.xml", "<module>" + module + "</module>",
                        "a service module that dev.segfold.contracts.topics.Service does not list"));
            }
        }
        deployment.compose().services().values().stream()
                .filter(s -> s.build().isPresent() && !ids.contains(s.name()))
                .forEach(s -> findings.add(new Finding(s.name(), "build",
                        "a built service that is not one of dev.segfold.contracts.topics.Service")));
        for (Service service : Service.values()) {
            check(deployment, service, findings);
        }
        return findings;
    }

    private static void check(Deployment deployment, Service service, List<Finding> findings) {
        String id = service.id();
        Path module = deployment.root().resolve(id);
        if (!Files.isDirectory(module)) {
            findings.add(new Finding(id, "module", "no module folder " + module));
            return;
        }
        if (!deployment.reactorModules().contains(id)) {
            findings.add(new Finding(id, "module", "not a <module> of the root pom.xml"));
        }
        ServiceProperties properties = deployment.properties().get(service);
        if (properties == null) {
            findings.add(new Finding(id, "application.properties",
                    "missing: " + Deployment.propertiesFile(deployment.root(), service)));
        }
        Optional<ComposeService> composeService = deployment.compose().find(id);
        if (composeService.isEmpty()) {
            findings.add(new Finding(Deployment.COMPOSE_FILE, "services." + id, "missing"));
            return;
        }
        Optional<BuildSpec> build = composeService.get().build();
        if (build.isEmpty()) {
            findings.add(new Finding(id, "build", "missing: the service must be built from " + id + "/Dockerfile"));
            return;
        }
        Path context = build.get().contextIn(deployment.root());
        if (!context.equals(module.normalize())) {
            findings.add(new Finding(id, "build.context", build.get().context() + " is not the module folder ./"
                    + id + " (its Dockerfile copies target/quarkus-app/ relative to the module)"));
        }
        Path dockerfilePath = build.get().dockerfileIn(deployment.root());
        if (!Files.isRegularFile(dockerfilePath)) {
            findings.add(new Finding(id, "build.dockerfile", "no such file " + dockerfilePath));
            return;
        }
        Dockerfile dockerfile = Dockerfile.load(dockerfilePath);
        if (dockerfile.copySources().isEmpty()) {
            findings.add(new Finding(id, dockerfilePath.toString(), "copies nothing from " + PACKAGED_APP + "/"));
        }
        for (String source : dockerfile.copySources()) {
            if (!source.startsWith(PACKAGED_APP) || source.contains("..")) {
                findings.add(new Finding(id, dockerfilePath + ": COPY " + source,
                        "copies something other than the packaged application " + PACKAGED_APP + "/"));
            }
        }
        for (String base : dockerfile.baseImages()) {
            if (!ImageReference.parse(base).pinned()) {
                findings.add(new Finding(id, dockerfilePath + ": FROM " + base, "base image not pinned to a release"));
            }
        }
        if (properties != null) {
            int port = httpPort(properties, id, findings);
            if (port > 0 && !dockerfile.exposedPorts().contains(port)) {
                findings.add(new Finding(id, dockerfilePath + ": EXPOSE",
                        dockerfile.exposedPorts() + " does not include quarkus.http.port " + port));
            }
        }
    }

    static int httpPort(ServiceProperties properties, String id, List<Finding> findings) {
        try {
            return properties.httpPort();
        } catch (IllegalArgumentException e) {
            findings.add(new Finding(id, "quarkus.http.port", e.getMessage()));
            return -1;
        }
    }
}
