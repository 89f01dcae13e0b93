package dev.segfold.engine.dataset;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the real MSD Task04_Hippocampus data for tests: {@code shared/data/Task04_Hippocampus}
 * beside the repository (or beside any folder above it, so worktrees find it too). Never copied
 * into the repository.
 */
public final class HippocampusData {
    private HippocampusData() {}

    /** The data set folder, or skips the calling test with a message saying where it looked. */
    public static Path requireRoot() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/data/Task04_Hippocampus");
            if (Files.isRegularFile(candidate.resolve("dataset.json"))) {
                return candidate;
            }
        }
        assumeTrue(false, "Task04_Hippocampus not found in shared/data beside " + start
                + " or any folder above it; skipping the real-data test");
        throw new IllegalStateException("unreachable");
    }
}
