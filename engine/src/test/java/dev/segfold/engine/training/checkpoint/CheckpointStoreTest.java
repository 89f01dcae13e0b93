package dev.segfold.engine.training.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointStoreTest {

    private static Map<String, CheckpointStore.FileWriter> files(String content) {
        Map<String, CheckpointStore.FileWriter> m = new LinkedHashMap<>();
        m.put("model.params", f -> Files.writeString(f, "model " + content));
        m.put("optimizer.params", f -> Files.writeString(f, "momentum " + content));
        return m;
    }

    @Test
    void manifestIsWrittenLastAndVerifiesTheFiles(@TempDir Path root) throws IOException {
        CheckpointStore store = new CheckpointStore(root);
        CheckpointManifest m = store.write(10, false, "abc", 7, files("x"));
        Path dir = root.resolve("iter_10");
        assertEquals(m, CheckpointStore.verify(dir));
        assertEquals(List.of("model.params", "optimizer.params"), m.files().stream().map(CheckpointFile::name).toList());
        assertFalse(Files.exists(dir.resolve("checkpoint.json.tmp")));
        assertTrue(Files.getLastModifiedTime(dir.resolve("checkpoint.json")).compareTo(
                Files.getLastModifiedTime(dir.resolve("model.params"))) >= 0);

        Files.writeString(dir.resolve("model.params"), "model y"); // same size, other bytes
        IOException e = assertThrows(IOException.class, () -> CheckpointStore.verify(dir));
        assertTrue(e.getMessage().contains("model.params") && e.getMessage().contains("SHA-256"), e.getMessage());
        Files.writeString(dir.resolve("optimizer.params"), "short");
        Files.writeString(dir.resolve("model.params"), "model x");
        e = assertThrows(IOException.class, () -> CheckpointStore.verify(dir));
        assertTrue(e.getMessage().contains("optimizer.params") && e.getMessage().contains("size"), e.getMessage());
    }

    @Test
    void latestSkipsIncompleteDirectoriesAndPruneKeepsFinalAndNewest(@TempDir Path root) throws IOException {
        CheckpointStore store = new CheckpointStore(root);
        assertTrue(store.latest().isEmpty());
        store.write(2, false, "d", 1, files("2"));
        store.write(4, true, "d", 1, files("4"));
        store.write(6, false, "d", 1, files("6"));
        store.write(8, false, "d", 1, files("8"));
        Files.createDirectories(root.resolve("iter_100"));
        Files.writeString(root.resolve("iter_100").resolve("model.params"), "interrupted");
        assertEquals(root.resolve("iter_8"), store.latest().orElseThrow());
        assertEquals(List.of(2, 4, 6, 8), List.copyOf(store.complete().keySet()));

        store.prune(1);
        assertEquals(List.of(4, 8), List.copyOf(store.complete().keySet()));
        assertFalse(Files.exists(root.resolve("iter_2")));
        assertTrue(Files.exists(root.resolve("iter_100")), "incomplete directories are left alone");
    }

    @Test
    void readingAMissingOrForeignManifestNamesTheFile(@TempDir Path root) throws IOException {
        IOException e = assertThrows(IOException.class, () -> CheckpointStore.readManifest(root));
        assertTrue(e.getMessage().contains("checkpoint.json"), e.getMessage());
        Files.writeString(root.resolve("checkpoint.json"), "{\"formatVersion\": 9}");
        e = assertThrows(IOException.class, () -> CheckpointStore.readManifest(root));
        assertTrue(e.getMessage().contains("formatVersion"), e.getMessage());
    }
}
