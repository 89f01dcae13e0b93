package dev.segfold.deployment.check;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository root from the module's working folder: the first folder up with the Compose file. */
final class RepositoryRoot {

    private RepositoryRoot() {
    }

    static Path find() {
        Path start = Path.of("").toAbsolutePath().normalize();
        for (Path folder = start; folder != null; folder = folder.getParent()) {
            if (Files.isRegularFile(folder.resolve(Deployment.COMPOSE_FILE))
                    && Files.isRegularFile(folder.resolve("pom.xml"))
                    && Files.isDirectory(folder.resolve("deployment"))) {
                return folder;
            }
        }
        throw new IllegalStateException("no folder above " + start + " holds " + Deployment.COMPOSE_FILE
                + ", pom.xml and deployment/");
    }
}
