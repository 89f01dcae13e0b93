package dev.segfold.deployment.check;

import dev.segfold.contracts.topics.Service;
import dev.segfold.deployment.compose.ComposeService;
import dev.segfold.deployment.compose.ImageReference;
import dev.segfold.deployment.compose.PortMapping;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The order and shape of a {@code docker compose up}: dependencies that exist and can be met
 * (a {@code service_healthy} target has a health check, a {@code service_completed_successfully}
 * target is a job that does not restart), services that start after the topics and buckets exist,
 * images pinned to a release, and a trainer that {@code --scale} can multiply.
 */
final class StartupRules {

    static final String HEALTHY = "service_healthy";
    static final String COMPLETED = "service_completed_successfully";
    private static final Set<String> CONDITIONS = Set.of(ComposeService.SERVICE_STARTED, HEALTHY, COMPLETED);

    private StartupRules() {
    }

    static List<Finding> check(Deployment deployment) {
        List<Finding> findings = new ArrayList<>();
        Map<String, ComposeService> services = deployment.compose().services();
        for (ComposeService service : services.values()) {
            service.image().ifPresentOrElse(image -> {
                if (!ImageReference.parse(image).pinned()) {
                    findings.add(new Finding(service.name(), "image", image + " is not pinned to a release"));
                }
                if (Deployment.WITHDRAWN_IMAGES.contains(Deployment.imageRepository(service))) {
                    findings.add(new Finding(service.name(), "image", image + " was withdrawn from Docker Hub on "
                            + "2026-09-12 and has no security fixes since 2025: use a maintained build "
                            + Deployment.MINIO_SERVER_IMAGES + " (docs/DEPLOYMENT.md, \"The MinIO image\")"));
                }
            }, () -> {
                if (service.build().isEmpty()) {
                    findings.add(new Finding(service.name(), "image", "missing"));
                }
            });
            service.dependsOn().forEach((target, condition) -> {
                ComposeService dependency = services.get(target);
                String key = "depends_on." + target;
                if (dependency == null) {
                    findings.add(new Finding(service.name(), key, "no such service"));
                } else if (!CONDITIONS.contains(condition)) {
                    findings.add(new Finding(service.name(), key, "unknown condition " + condition));
                } else if (condition.equals(HEALTHY) && dependency.healthcheck().isEmpty()) {
                    findings.add(new Finding(service.name(), key, target + " has no healthcheck to become healthy"));
                } else if (condition.equals(COMPLETED)
                        && !dependency.restart().map(r -> r.equals("no")).orElse(true)) {
                    findings.add(new Finding(service.name(), key, target + " restarts ("
                            + dependency.restart().get() + "), so it never completes"));
                }
            });
        }
        Optional<String> topicJob = deployment.topicJob().map(ComposeService::name);
        Optional<String> bucketJob = deployment.bucketJob().map(ComposeService::name);
        for (Service service : Service.values()) {
            deployment.compose().find(service.id()).ifPresent(s -> {
                for (Optional<String> job : List.of(topicJob, bucketJob)) {
                    job.filter(j -> !COMPLETED.equals(s.dependsOn().get(j))).ifPresent(j -> findings.add(
                            new Finding(s.name(), "depends_on." + j, "must be " + COMPLETED
                                    + ": the service needs its topics and buckets")));
                }
            });
        }
        deployment.compose().find(Service.TRAINER.id()).ifPresent(trainer -> scalable(trainer, findings));
        return findings;
    }

    private static void scalable(ComposeService trainer, List<Finding> findings) {
        String name = trainer.name();
        trainer.containerName().ifPresent(fixed -> findings.add(new Finding(name, "container_name",
                fixed + ": a fixed name allows one container, so --scale " + name + "=N fails")));
        for (PortMapping mapping : trainer.ports()) {
            if (mapping.hostPort().isPresent()) {
                findings.add(new Finding(name, "ports", "host port " + mapping.hostPort().getAsInt()
                        + ": a second replica cannot bind it; use expose or a container port only"));
            }
        }
        trainer.env("SEGFOLD_WORK_DIR").ifPresent(workDir -> trainer.volumes().stream()
                .filter(v -> Path.of(workDir).normalize().startsWith(Path.of(v.target()).normalize()))
                .filter(v -> v.source().isPresent())
                .forEach(v -> findings.add(new Finding(name, "volumes", v.source().get() + ":" + v.target()
                        + " would be shared by every replica; the work folder must be an anonymous volume"))));
    }
}
