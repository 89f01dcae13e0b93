package dev.segfold.service.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.contracts.storage.CheckpointLayout;
import dev.segfold.contracts.storage.RunLayout;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StoredCheckpointTest {
    private static final String SHA = "a".repeat(64);
    private static final CheckpointLayout AT_40 = RunLayout.of("r1").checkpoint("3d_fullres", 0, 40);

    @Test
    void readsTheEngineFormAndTheContractsForm() {
        StoredCheckpoint engine = StoredCheckpoint.parse(AT_40, bytes("""
                {"formatVersion":1,"iteration":40,"final":true,"configDigest":"x","seed":1,
                 "files":[{"name":"model.params","size":10,"sha256":"%s"}],"createdAt":"2026-01-01T00:00:00Z"}"""
                .formatted(SHA)));
        assertTrue(engine.isFinal());
        assertEquals(40, engine.iteration());
        assertEquals(10, engine.file("model.params").orElseThrow().size());
        StoredCheckpoint contracts = StoredCheckpoint.parse(AT_40, bytes("""
                {"formatVersion":1,"runId":"r1","configuration":"3d_fullres","stage":0,"fold":0,"iteration":40,
                 "files":[{"name":"model.params","size":10,"sha256":"%s"}]}""".formatted(SHA)));
        assertFalse(contracts.isFinal(), "no final flag means not final");
    }

    @Test
    void refusesUnsafeNamesWrongIterationsAndMissingFiles() {
        assertThrows(IllegalArgumentException.class, () -> StoredCheckpoint.parse(AT_40, bytes(
                "{\"iteration\":40,\"files\":[{\"name\":\"../x\",\"size\":1,\"sha256\":\"" + SHA + "\"}]}")));
        IllegalArgumentException wrongIteration = assertThrows(IllegalArgumentException.class,
                () -> StoredCheckpoint.parse(AT_40, bytes(
                        "{\"iteration\":20,\"files\":[{\"name\":\"m\",\"size\":1,\"sha256\":\"" + SHA + "\"}]}")));
        assertTrue(wrongIteration.getMessage().contains("iter_40"), wrongIteration.getMessage());
        IllegalArgumentException noFiles = assertThrows(IllegalArgumentException.class,
                () -> StoredCheckpoint.parse(AT_40, bytes("{\"iteration\":40}")));
        assertTrue(noFiles.getMessage().contains(AT_40.manifest()), noFiles.getMessage());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
