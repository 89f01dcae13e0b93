package dev.segfold.client.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segfold.contracts.json.ContractJson;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class BundleImportTest {

    private static BundleImport.Plan plan(Map<String, byte[]> entries, String configuration) throws Exception {
        return BundleImport.plan(new ByteArrayInputStream(BundleZips.zip(entries)), "fold1.zip", "run-b",
                configuration, 2);
    }

    @Test
    void rewritesRunAndFoldAndKeepsFilesDigestsAndUnknownFields() throws Exception {
        Map<String, byte[]> entries = BundleZips.entries("run-a");
        BundleImport.Plan plan = plan(entries, null);
        assertEquals(List.of("run-b/3d_lowres/fold2/iter_20/model.params", "run-b/3d_lowres/fold2/iter_20/optimizer.params",
                "run-b/3d_lowres/fold2/iter_20/training.json"), plan.files().stream().map(BundleImport.Upload::key).toList());
        assertArrayEquals(entries.get("iter_20/model.params"), plan.files().get(0).content());
        assertEquals("run-b/3d_lowres/fold2/iter_20/checkpoint.json", plan.manifest().key());
        JsonNode json = ContractJson.mapper().readTree(plan.manifest().content());
        assertEquals("run-b", json.get("runId").asText());
        assertEquals(2, json.get("fold").asInt());
        assertEquals(0, json.get("stage").asInt());
        assertEquals(123, json.get("seed").asInt(), "fields the contract does not know stay");
        assertEquals(plan.manifest().key(), plan.parsed().layout().manifest());
    }

    @Test
    void importsAsAnotherConfigurationWithItsStage() throws Exception {
        BundleImport.Plan plan = plan(BundleZips.entries("run-a"), "3d_cascade_fullres");
        assertEquals(1, plan.parsed().stage());
        assertEquals("run-b/3d_cascade_fullres/fold2/iter_20/checkpoint.json", plan.manifest().key());
    }

    @ParameterizedTest
    @ValueSource(strings = {"../evil", "iter_20/../../x", "/abs/path", "a\\b", "iter_20/./model.params", "C:/x",
            "iter_20/a\u0000b"})
    void entriesThatCouldEscapeAreRefused(String name) throws Exception {
        Map<String, byte[]> entries = BundleZips.entries("run-a");
        entries.put(name, new byte[] {1});
        var e = assertThrows(IllegalArgumentException.class, () -> plan(entries, null));
        assertTrue(e.getMessage().startsWith("fold1.zip: entry "), e.getMessage());
        assertTrue(e.getMessage().contains("escape"), e.getMessage());
    }

    @Test
    void aNestedCheckpointFileCannotLeaveItsFolderEither() throws Exception {
        Map<String, byte[]> entries = BundleZips.entries("run-a");
        byte[] manifest = new String(entries.get("iter_20/checkpoint.json")).replace("\"training.json\"", "\"sub/x.json\"")
                .getBytes();
        entries.put("iter_20/checkpoint.json", manifest);
        entries.put("iter_20/sub/x.json", entries.remove("iter_20/training.json"));
        assertThrows(IllegalArgumentException.class, () -> plan(entries, null));
    }

    @Test
    void aChangedOrMissingFileIsNamed() throws Exception {
        Map<String, byte[]> changed = BundleZips.entries("run-a");
        changed.get("iter_20/model.params")[0] ^= 1;
        var e = assertThrows(IllegalArgumentException.class, () -> plan(changed, null));
        assertTrue(e.getMessage().contains("iter_20/model.params does not match its SHA-256"), e.getMessage());
        Map<String, byte[]> missing = BundleZips.entries("run-a");
        missing.remove("iter_20/optimizer.params");
        e = assertThrows(IllegalArgumentException.class, () -> plan(missing, null));
        assertTrue(e.getMessage().contains("optimizer.params is listed in checkpoint.json but missing"), e.getMessage());
        Map<String, byte[]> none = BundleZips.entries("run-a");
        none.remove("iter_20/checkpoint.json");
        e = assertThrows(IllegalArgumentException.class, () -> plan(none, null));
        assertTrue(e.getMessage().contains("not a fold bundle"), e.getMessage());
    }

    @Test
    void hostileTargetsAreRefused() throws Exception {
        byte[] zip = BundleZips.zip(BundleZips.entries("run-a"));
        assertThrows(IllegalArgumentException.class,
                () -> BundleImport.plan(new ByteArrayInputStream(zip), "z", "../run", null, 1));
        assertThrows(IllegalArgumentException.class,
                () -> BundleImport.plan(new ByteArrayInputStream(zip), "z", "run-b", "../x", 1));
        assertThrows(IllegalArgumentException.class,
                () -> BundleImport.plan(new ByteArrayInputStream(zip), "z", "run-b", null, -1));
    }
}
