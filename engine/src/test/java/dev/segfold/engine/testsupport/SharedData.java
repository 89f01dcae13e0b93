package dev.segfold.engine.testsupport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Locates the real MSD Task04_Hippocampus data for tests: {@code shared/data/Task04_Hippocampus}
 * beside the repository, found by walking up from the working directory (so the main checkout,
 * whose engine module sees it at {@code ../../shared/data}, and a worktree one level deeper both
 * find it), or inside the folder named by {@code -Dsegfold.data.dir}. The images are never copied
 * into the repository; tests that need them are skipped where they are absent.
 */
public final class SharedData {
    /** System property naming the folder that holds Task04_Hippocampus; overrides the search. */
    public static final String DATA_DIR_PROPERTY = "segfold.data.dir";
    /** The data set's folder name. */
    public static final String HIPPOCAMPUS = "Task04_Hippocampus";

    private SharedData() {}

    /** The Task04_Hippocampus folder, or skips the calling test with a message saying where it looked. */
    public static Path hippocampus() {
        Optional<Path> found = findHippocampus();
        assumeTrue(found.isPresent(), () -> "skipped: " + HIPPOCAMPUS + " not found " + whereLooked()
                + "; this real-data test needs it");
        return found.orElseThrow();
    }

    /** The Task04_Hippocampus folder (one holding dataset.json), where there is one. */
    public static Optional<Path> findHippocampus() {
        String property = System.getProperty(DATA_DIR_PROPERTY);
        if (property != null && !property.isBlank()) {
            return isDataset(Path.of(property).resolve(HIPPOCAMPUS));
        }
        for (Path dir = workingDirectory(); dir != null; dir = dir.getParent()) {
            Optional<Path> candidate = isDataset(dir.resolve("shared").resolve("data").resolve(HIPPOCAMPUS));
            if (candidate.isPresent()) {
                return candidate;
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> isDataset(Path candidate) {
        return Files.isRegularFile(candidate.resolve("dataset.json"))
                ? Optional.of(candidate.toAbsolutePath().normalize())
                : Optional.empty();
    }

    private static String whereLooked() {
        String property = System.getProperty(DATA_DIR_PROPERTY);
        if (property != null && !property.isBlank()) {
            return "in " + Path.of(property).toAbsolutePath().normalize() + " (-D" + DATA_DIR_PROPERTY + ")";
        }
        return "in shared/data beside " + workingDirectory() + " or any folder above it (or set -D"
                + DATA_DIR_PROPERTY + " to the folder that holds it)";
    }

    private static Path workingDirectory() {
        return Path.of("").toAbsolutePath();
    }
}
