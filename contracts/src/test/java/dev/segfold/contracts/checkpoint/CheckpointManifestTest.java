package dev.segfold.contracts.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segfold.contracts.json.ContractJson;
import dev.segfold.contracts.spec.FoldSettings;
import dev.segfold.contracts.spec.Precision;
import dev.segfold.contracts.spec.TrainingRecipe;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckpointManifestTest {

    private static final String A = "0a".repeat(32);
    private static final String B = "0b".repeat(32);
    private static final String CONFIG = "cc".repeat(32);

    private static CheckpointManifest manifest(List<ManifestFile> files, boolean last, Instant at) {
        return new CheckpointManifest(1, "r1", "3d_lowres", 0, 3, 30000, last, files, CONFIG, at);
    }

    @Test
    void roundTripsWithFinalAsJsonName() throws Exception {
        CheckpointManifest m = manifest(List.of(new ManifestFile("model.params", 100, A),
                new ManifestFile("optimizer.params", 200, B)), true, Instant.parse("2026-11-29T12:00:00Z"));
        byte[] json = ContractJson.write(m);
        JsonNode tree = ContractJson.mapper().readTree(json);
        assertTrue(tree.get("final").asBoolean());
        assertEquals(m, ContractJson.read(json, CheckpointManifest.class));
        assertEquals("r1/3d_lowres/fold3/iter_30000/checkpoint.json", m.layout().manifest());
        assertEquals(200, m.file("optimizer.params").orElseThrow().size());
    }

    @Test
    void trainedWithRoundTripsAndSurvivesARelocation() throws Exception {
        TrainedWith trained = new TrainedWith(new FoldSettings(300, 100, 10, 2, 42L, Precision.BF16,
                new TrainingRecipe(0.005, 0.9, 0.99, 3e-5, 12, true), false, true), 4, List.of(40, 56, 40), 16, 3);
        CheckpointManifest m = new CheckpointManifest(1, "r1", "3d_fullres", 0, 1, 300, true,
                List.of(new ManifestFile("model.params", 100, A)), CONFIG, Instant.EPOCH, trained);
        CheckpointManifest read = ContractJson.read(ContractJson.write(m), CheckpointManifest.class);
        assertEquals(m, read);
        assertEquals("bf16", ContractJson.mapper().readTree(ContractJson.write(m)).at("/trainedWith/settings/precision")
                .asText());
        assertEquals(trained, read.relocated("r2", "3d_fullres", 0, 4).trainedWith());
    }

    @Test
    void theBestCheckpointLivesInBestAndIsNoTrainingCheckpointForItsReaders() {
        CheckpointManifest periodic = manifest(List.of(new ManifestFile("model.params", 100, A)), false, Instant.EPOCH);
        assertEquals(CheckpointRole.PERIODIC, periodic.role(), "no role given: from the final flag");
        assertEquals(CheckpointRole.FINAL, manifest(List.of(new ManifestFile("model.params", 100, A)), true,
                Instant.EPOCH).role());
        CheckpointManifest best = periodic.asBest();
        assertTrue(best.best() && !best.finalCheckpoint());
        String key = best.layout().manifest();
        assertTrue(key.endsWith("/fold" + best.fold() + "/best/checkpoint.json"), key);
        assertEquals(best.layout().fold().bestManifest(), key);
        assertTrue(dev.segfold.contracts.storage.CheckpointLayout.parseManifestKey(key).isEmpty(),
                "the evaluator's notification filter does not take the best for a checkpoint to evaluate");
        CheckpointManifest read = ContractJson.read(ContractJson.write(best), CheckpointManifest.class);
        assertEquals(best, read);
        assertNotEquals(periodic.contentDigest(), best.contentDigest(), "the role is part of what it asserts");
        var e = assertThrows(IllegalArgumentException.class, () -> new CheckpointManifest(1, "r1", "3d_fullres", 0, 1,
                5, true, List.of(new ManifestFile("model.params", 1, A)), CONFIG, Instant.EPOCH, null,
                CheckpointRole.BEST));
        assertTrue(e.getMessage().contains("role"), e.getMessage());
    }

    @Test
    void aHandWrittenManifestNeedsNoTrainedWith() {
        CheckpointManifest read = ContractJson.read(("{\"formatVersion\":1,\"runId\":\"r1\",\"configuration\":"
                + "\"3d_fullres\",\"stage\":0,\"fold\":2,\"iteration\":1000,\"final\":true,\"files\":[{\"name\":"
                + "\"model.params\",\"size\":1,\"sha256\":\"" + A + "\"}],\"configDigest\":\"" + CONFIG
                + "\",\"createdAt\":\"2026-11-29T12:00:00Z\"}").getBytes(), CheckpointManifest.class);
        assertEquals(null, read.trainedWith());
    }

    @Test
    void trainedWithNeedsTheBatchDiceDecided() {
        FoldSettings open = FoldSettings.of(10, 5, 5, 1, 1L);
        var e = assertThrows(IllegalArgumentException.class, () -> new TrainedWith(open, 2, List.of(8, 8, 8), 4, 2));
        assertTrue(e.getMessage().contains("batchDice"), e.getMessage());
    }

    @Test
    void digestIgnoresOrderAndTimeButNotContent() {
        var f1 = new ManifestFile("model.params", 100, A);
        var f2 = new ManifestFile("optimizer.params", 200, B);
        String d = manifest(List.of(f1, f2), true, Instant.EPOCH).contentDigest();
        assertEquals(d, manifest(List.of(f2, f1), true, Instant.now()).contentDigest());
        assertNotEquals(d, manifest(List.of(f1, new ManifestFile("optimizer.params", 201, B)), true, Instant.EPOCH).contentDigest());
        assertNotEquals(d, manifest(List.of(f1, f2), false, Instant.EPOCH).contentDigest());
        assertTrue(d.matches("[0-9a-f]{64}"));
    }

    @Test
    void relocatedKeepsFilesAndIterationAndNamesTheNewFold() {
        CheckpointManifest m = manifest(List.of(new ManifestFile("model.params", 100, A)), true, Instant.EPOCH);
        CheckpointManifest moved = m.relocated("r2", "3d_lowres", 0, 1);
        assertEquals("r2/3d_lowres/fold1/iter_30000/checkpoint.json", moved.layout().manifest());
        assertEquals(m.files(), moved.files());
        assertEquals(m.configDigest(), moved.configDigest());
        assertTrue(moved.finalCheckpoint());
        assertNotEquals(m.contentDigest(), moved.contentDigest());
        assertThrows(IllegalArgumentException.class, () -> m.relocated("../x", "3d_lowres", 0, 1));
        assertThrows(IllegalArgumentException.class, () -> m.relocated("r2", "3d_lowres", 0, -1));
    }

    @Test
    void rejectsBadFiles() {
        var f = new ManifestFile("model.params", 1, A);
        assertThrows(IllegalArgumentException.class, () -> manifest(List.of(), true, Instant.EPOCH));
        assertThrows(IllegalArgumentException.class, () -> manifest(List.of(f, f), true, Instant.EPOCH));
        assertThrows(IllegalArgumentException.class,
                () -> manifest(List.of(new ManifestFile("checkpoint.json", 1, A)), true, Instant.EPOCH));
        assertThrows(IllegalArgumentException.class, () -> new ManifestFile("../model.params", 1, A));
        assertThrows(IllegalArgumentException.class, () -> new ManifestFile("model.params", 1, "XYZ"));
        var e = assertThrows(IllegalArgumentException.class, () -> ContractJson.read(
                "{\"formatVersion\":2}", CheckpointManifest.class));
        assertTrue(e.getMessage().contains("formatVersion"), e.getMessage());
    }
}
