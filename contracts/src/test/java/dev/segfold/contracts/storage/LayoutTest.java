package dev.segfold.contracts.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LayoutTest {

    static List<String> hostileNames() {
        return List.of("", ".", "..", "../x", "a/../b", "a/b", "/abs", "a\\b", "..\\..\\etc",
                "a\u0000b", "line\nbreak", "tab\t", "\u007f", " lead", "trail ", "sp ace", "%2e%2e", "%2F",
                "a..b", ".hidden", "-dash", "_under", "C:", "x?y", "x#y", "x*y", "\uff41", "\u202eevil",
                "caf\u00e9", "a".repeat(KeySegments.MAX_LENGTH + 1));
    }

    @ParameterizedTest
    @MethodSource("hostileNames")
    void rejectsHostileNamesInEverySegment(String name) {
        assertThrows(IllegalArgumentException.class, () -> RunLayout.of(name));
        assertThrows(IllegalArgumentException.class, () -> RunLayout.of("r1").checkpoint(name, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> RunLayout.of("r1").ensemble(name));
        assertThrows(IllegalArgumentException.class, () -> RunLayout.of("r1").foldBundle(name, 0));
        assertThrows(IllegalArgumentException.class, () -> RunLayout.of("r1").fold("3d_fullres", 1).validationPrediction(name));
        assertThrows(IllegalArgumentException.class, () -> DatasetLayout.of(name));
        assertThrows(IllegalArgumentException.class, () -> DatasetLayout.of("Task04_Hippocampus").trainingImage(name));
        assertThrows(IllegalArgumentException.class, () -> RunLayout.of("r1").checkpoint("3d_fullres", 0, 10).file(name));
        assertThrows(IllegalArgumentException.class, () -> CacheLayout.of("0123abcd", "89abcdef").entry("x", name));
        assertFalse(KeySegments.isValid(name));
    }

    @Test
    void messagesNameTheFieldAndTheReasonWithoutRawControlCharacters() {
        var e = assertThrows(IllegalArgumentException.class, () -> RunLayout.of("../etc"));
        assertTrue(e.getMessage().startsWith("runId "), e.getMessage());
        assertTrue(e.getMessage().contains("path separator"), e.getMessage());
        var c = assertThrows(IllegalArgumentException.class, () -> DatasetLayout.of("x").trainingLabel("a\nb"));
        assertTrue(c.getMessage().startsWith("caseId "), c.getMessage());
        assertFalse(c.getMessage().contains("\n"), c.getMessage());
        var l = assertThrows(IllegalArgumentException.class, () -> RunLayout.of("r".repeat(200)));
        assertTrue(l.getMessage().contains("200 characters"), l.getMessage());
    }

    @Test
    void runKeysFollowTheDesignLayout() {
        RunLayout run = RunLayout.of("run-2026.11_a");
        assertEquals("run-2026.11_a/run.json", run.runJson());
        assertEquals("run-2026.11_a/plans.json", run.plans());
        assertEquals("run-2026.11_a/configs/3d_lowres/nnunet_fold3.yml", run.foldConfig("3d_lowres", 3));
        CheckpointLayout checkpoint = run.checkpoint("3d_lowres", 3, 2000);
        assertEquals("run-2026.11_a/3d_lowres/fold3/iter_2000/", checkpoint.prefix());
        assertEquals("run-2026.11_a/3d_lowres/fold3/iter_2000/checkpoint.json", checkpoint.manifest());
        assertEquals("run-2026.11_a/3d_lowres/fold3/iter_2000/model.params", checkpoint.modelParams());
        assertEquals("run-2026.11_a/3d_lowres/fold3/iter_2000/optimizer.params", checkpoint.optimizerParams());
        FoldLayout fold = run.fold("3d_lowres", 3);
        assertEquals("run-2026.11_a/3d_lowres/fold3/validation/summary.json", fold.validationSummary());
        assertEquals("run-2026.11_a/3d_lowres/fold3/validation/postprocessing.json", fold.postprocessing());
        assertEquals("run-2026.11_a/3d_lowres/fold3/validation/hippocampus_001.nii.gz",
                fold.validationPrediction("hippocampus_001"));
        assertEquals("run-2026.11_a/3d_lowres/next_stage/hippocampus_001.npz",
                run.nextStage("3d_lowres", "hippocampus_001", ".npz"));
        assertEquals("run-2026.11_a/ensemble/hippocampus_002.nii.gz", run.ensemble("hippocampus_002"));
        assertEquals("run-2026.11_a/package/submission.zip", run.submission());
        assertEquals("run-2026.11_a/package/fold4.zip", run.foldBundle(4));
        assertEquals("run-2026.11_a/package/3d_lowres/fold2.zip", run.foldBundle("3d_lowres", 2));
        assertThrows(IllegalArgumentException.class, () -> run.foldBundle("3d_lowres", -1));
        assertThrows(IllegalArgumentException.class, () -> run.foldBundle("3d_lowres", 100));
        assertThrows(IllegalArgumentException.class, () -> run.fold("3d_lowres", -1));
        assertThrows(IllegalArgumentException.class, () -> run.fold("3d_lowres", 100));
        assertThrows(IllegalArgumentException.class, () -> run.checkpoint("3d_lowres", 0, -5));
        assertThrows(IllegalArgumentException.class, () -> run.nextStage("3d_lowres", "c1", "/../x"));
    }

    @Test
    void manifestKeysParseBackAndOthersDoNot() {
        String key = RunLayout.of("r7").checkpoint("3d_cascade_fullres", 4, 30000).manifest();
        CheckpointRef ref = CheckpointLayout.parseManifestKey(key).orElseThrow();
        assertEquals(new CheckpointRef("r7", "3d_cascade_fullres", 4, 30000), ref);
        assertEquals(key, ref.layout().manifest());
        assertTrue(CheckpointLayout.parseManifestKey("r7/3d/fold1/iter_2/model.params").isEmpty());
        assertTrue(CheckpointLayout.parseManifestKey("../3d/fold1/iter_2/checkpoint.json").isEmpty());
        assertTrue(CheckpointLayout.parseManifestKey("a/b/r7/3d/fold1/iter_2/checkpoint.json").isEmpty());
        assertTrue(CheckpointLayout.parseManifestKey("r7/3d/fold1/iter_x/checkpoint.json").isEmpty());
        assertTrue(CheckpointLayout.parseManifestKey(null).isEmpty());
    }

    @Test
    void datasetAndCacheKeys() {
        DatasetLayout ds = DatasetLayout.of("Task04_Hippocampus");
        assertEquals("Task04_Hippocampus/dataset.json", ds.datasetJson());
        assertEquals("Task04_Hippocampus/imagesTr/hippocampus_367.nii.gz", ds.trainingImage("hippocampus_367"));
        assertEquals("Task04_Hippocampus/labelsTr/hippocampus_367.nii.gz", ds.trainingLabel("hippocampus_367"));
        assertEquals("Task04_Hippocampus/imagesTs/hippocampus_002.nii.gz", ds.testImage("hippocampus_002"));
        assertEquals("Task04_Hippocampus/imagesTr/hippocampus_367.nii.gz", ds.resolve("./imagesTr/hippocampus_367.nii.gz"));
        assertThrows(IllegalArgumentException.class, () -> ds.resolve("./imagesTr/../../secret"));
        assertThrows(IllegalArgumentException.class, () -> ds.resolve("/etc/passwd"));
        assertThrows(IllegalArgumentException.class, () -> ds.resolve("imagesTr//x"));

        CacheLayout cache = CacheLayout.of("0123456789abcdef", "fedcba98");
        assertEquals("0123456789abcdef/fedcba98/", cache.prefix());
        assertEquals("0123456789abcdef/fedcba98/3d_fullres/cases/hippocampus_001.bin",
                cache.preprocessedCase("3d_fullres", "hippocampus_001", ".bin"));
        assertEquals("0123456789abcdef/fedcba98/3d_fullres/manifest.json", cache.manifest("3d_fullres"));
        assertEquals("0123456789abcdef/fedcba98/3d_lowres/cases/manifest.json",
                cache.caseFile("3d_lowres", "manifest.json"), "a case named like the manifest stays one level down");
        assertThrows(IllegalArgumentException.class, () -> cache.caseFile("3d_fullres", "../manifest.json"));
        assertThrows(IllegalArgumentException.class, () -> cache.caseFile("3d_fullres", "a/b.bin"));
        assertThrows(IllegalArgumentException.class, () -> cache.entryPrefix(".."));
        assertThrows(IllegalArgumentException.class, () -> CacheLayout.of("../..", "fedcba98"));
        assertThrows(IllegalArgumentException.class, () -> CacheLayout.of("ABCDEF12", "fedcba98"));
    }

    @Test
    void objectKeysFromOutsideAreChecked() {
        assertEquals("r1/3d/fold0/", ObjectKeys.require("prefix", "r1/3d/fold0/"));
        for (String bad : List.of("/r1/x", "r1//x", "r1/../x", "r1/./x", "r1\\x", "", "r1/x\n")) {
            var e = assertThrows(IllegalArgumentException.class, () -> ObjectKeys.require("plansKey", bad), bad);
            assertTrue(e.getMessage().startsWith("plansKey"), e.getMessage());
        }
    }

    @Test
    void bucketNamesFollowS3Rules() {
        assertEquals("segfold-runs", Buckets.defaults().runs());
        assertThrows(IllegalArgumentException.class, () -> new Buckets("ab", "segfold-runs", "segfold-cache"));
        assertThrows(IllegalArgumentException.class, () -> new Buckets("Upper", "segfold-runs", "segfold-cache"));
        assertThrows(IllegalArgumentException.class, () -> new Buckets("a..b", "segfold-runs", "segfold-cache"));
    }
}
