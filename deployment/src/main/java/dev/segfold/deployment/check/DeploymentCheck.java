package dev.segfold.deployment.check;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a deployment against the contracts and the services' configuration, without a Docker
 * engine: the rules of {@code ServiceImageRules}, {@code ServiceConfigurationRules},
 * {@code MessagingRules}, {@code StorageRules}, {@code StartupRules} and {@code AccessRules} (least
 * privilege), every finding at once.
 */
public final class DeploymentCheck {

    private DeploymentCheck() {
    }

    /** Reads the checkout at {@code repositoryRoot} and checks it. */
    public static List<Finding> run(Path repositoryRoot) {
        return run(Deployment.load(repositoryRoot));
    }

    /** Checks {@code deployment}; an empty list means nothing was found wrong. */
    public static List<Finding> run(Deployment deployment) {
        List<Finding> findings = new ArrayList<>();
        findings.addAll(ServiceImageRules.check(deployment));
        findings.addAll(ServiceConfigurationRules.check(deployment));
        findings.addAll(MessagingRules.check(deployment));
        findings.addAll(StorageRules.check(deployment));
        findings.addAll(StartupRules.check(deployment));
        findings.addAll(AccessRules.check(deployment));
        return List.copyOf(findings);
    }

    /** Prints the findings of the checkout at the given folder (default: the working folder). */
    public static void main(String[] args) {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        List<Finding> findings = run(root);
        findings.forEach(System.out::println);
        System.out.println(findings.isEmpty() ? root + ": the deployment matches the contracts"
                : findings.size() + " finding(s)");
        if (!findings.isEmpty()) {
            System.exit(1);
        }
    }
}
