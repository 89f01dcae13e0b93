package dev.segfold.evaluator.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.contracts.checkpoint.CheckpointManifest;
import dev.segfold.contracts.checkpoint.ManifestFile;
import dev.segfold.engine.training.checkpoint.CheckpointStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointIntegrityTest {
    @TempDir
    Path dir;

    private CheckpointManifest manifestOf(String... names) throws Exception {
        List<ManifestFile> files = new java.util.ArrayList<>();
        for (String name : names) {
            Path f = dir.resolve(name);
            files.add(new ManifestFile(name, Files.size(f), CheckpointStore.sha256(f)));
        }
        return new CheckpointManifest(1, "r1", "3d_fullres", 0, 0, 10, true, files, "c".repeat(64), Instant.now());
    }

    @Test
    void matchingFilesPass() throws Exception {
        Files.writeString(dir.resolve("model.params"), "weights");
        Files.writeString(dir.resolve("network.json"), "{}");
        CheckpointIntegrity.verify(manifestOf("model.params", "network.json"), dir);
    }

    @Test
    void alteredContentOfTheSameSizeIsNamed() throws Exception {
        Files.writeString(dir.resolve("model.params"), "weights");
        Files.writeString(dir.resolve("network.json"), "{}");
        CheckpointManifest m = manifestOf("model.params", "network.json");
        Files.writeString(dir.resolve("model.params"), "WEIGHTS");
        CheckpointIntegrityException e = assertThrows(CheckpointIntegrityException.class,
                () -> CheckpointIntegrity.verify(m, dir));
        assertEquals("model.params", e.file());
        assertTrue(e.getMessage().contains("SHA-256"), e.getMessage());
    }

    @Test
    void truncatedAndMissingFilesAreNamed() throws Exception {
        Files.writeString(dir.resolve("model.params"), "weights");
        Files.writeString(dir.resolve("optimizer.params"), "momentum");
        CheckpointManifest m = manifestOf("model.params", "optimizer.params");
        Files.writeString(dir.resolve("optimizer.params"), "mom");
        CheckpointIntegrityException size = assertThrows(CheckpointIntegrityException.class,
                () -> CheckpointIntegrity.verify(m, dir));
        assertEquals("optimizer.params", size.file());
        assertTrue(size.getMessage().contains("size 3"), size.getMessage());
        Files.delete(dir.resolve("model.params"));
        CheckpointIntegrityException missing = assertThrows(CheckpointIntegrityException.class,
                () -> CheckpointIntegrity.verify(m, dir));
        assertEquals("model.params", missing.file());
    }
}
