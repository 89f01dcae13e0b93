package dev.segfold.trainer.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.contracts.checkpoint.CheckpointManifest;
import dev.segfold.contracts.checkpoint.ManifestFile;
import dev.segfold.contracts.checkpoint.TrainedWith;
import dev.segfold.contracts.events.FoldId;
import dev.segfold.contracts.spec.FoldSettings;
import dev.segfold.contracts.spec.Precision;
import dev.segfold.contracts.spec.TrainingRecipe;
import dev.segfold.engine.training.checkpoint.CheckpointFile;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestMappingTest {
    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(64);
    private static final String C = "c".repeat(64);
    private static final TrainedWith TRAINED_WITH = new TrainedWith(new FoldSettings(300, 100, 10, 2, 42L,
            Precision.BF16, new TrainingRecipe(0.005, 0.9, 0.99, 3e-5, 12, true), false, true), 4,
            List.of(40, 56, 40), 16, 3);
    private final FoldId fold = new FoldId("run-1", "3d_fullres", 0, 3);

    private static dev.segfold.engine.training.checkpoint.CheckpointManifest engine(List<CheckpointFile> files) {
        return new dev.segfold.engine.training.checkpoint.CheckpointManifest(1, 300, true, C, 42L, files,
                "2026-11-29T10:15:30Z");
    }

    @Test
    void carriesTheEngineFilesDigestAndFlagsWithTheFoldCoordinates() {
        CheckpointManifest m = ManifestMapping.toContract(fold, engine(List.of(
                new CheckpointFile("model.params", 10, A), new CheckpointFile("optimizer.params", 20, B))),
                List.of(new ManifestFile("progress.csv", 5, C)), TRAINED_WITH);
        assertEquals("run-1", m.runId());
        assertEquals("3d_fullres", m.configuration());
        assertEquals(3, m.fold());
        assertEquals(300, m.iteration());
        assertTrue(m.finalCheckpoint());
        assertEquals(C, m.configDigest());
        assertEquals(Instant.parse("2026-11-29T10:15:30Z"), m.createdAt());
        assertEquals(List.of(new ManifestFile("model.params", 10, A), new ManifestFile("optimizer.params", 20, B),
                new ManifestFile("progress.csv", 5, C)), m.files());
        assertEquals("run-1/3d_fullres/fold3/iter_300/checkpoint.json", m.layout().manifest());
        assertEquals(TRAINED_WITH, m.trainedWith());
    }

    @Test
    void aServiceFileReplacesTheSameNameListedByADownloadedManifest() {
        CheckpointManifest m = ManifestMapping.toContract(fold, engine(List.of(
                new CheckpointFile("model.params", 10, A), new CheckpointFile("progress.csv", 1, A))),
                List.of(new ManifestFile("progress.csv", 5, C)), TRAINED_WITH);
        assertEquals(2, m.files().size());
        assertEquals(new ManifestFile("progress.csv", 5, C), m.file("progress.csv").orElseThrow());
    }

    @Test
    void aBadCreationTimeIsNamed() {
        var bad = new dev.segfold.engine.training.checkpoint.CheckpointManifest(1, 3, false, C, 1L,
                List.of(new CheckpointFile("model.params", 1, A)), "yesterday");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ManifestMapping.toContract(fold, bad, List.of(), TRAINED_WITH));
        assertTrue(e.getMessage().contains("createdAt 'yesterday'"), e.getMessage());
    }
}
