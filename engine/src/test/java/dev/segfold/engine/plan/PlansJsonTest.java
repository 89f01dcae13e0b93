package dev.segfold.engine.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlansJsonTest {
    @TempDir
    Path dir;

    private static Plans twoStagePlansWithCtStatistics() {
        DatasetFingerprint base = Fingerprints.hippocampus();
        DatasetFingerprint ct = new DatasetFingerprint(base.cases(), Map.of(0, "CT"), base.allClasses(),
                Map.of(0, new IntensityProperties(50, 60, 70.5, -1000, 2000, -900, 1500)));
        return new ExperimentPlanner().plan(ct, PlanOverrides.NONE.withForcedLowres(new double[] {2, 2, 2}, null));
    }

    @Test
    void roundTripsThroughPlansJson() {
        Plans plans = twoStagePlansWithCtStatistics();
        Path file = dir.resolve("run/" + PlansJson.FILE_NAME);
        PlansJson.write(plans, file);
        Plans back = PlansJson.read(file);
        assertEquals(plans, back);
        assertEquals(2, back.numStages());
        assertEquals(plans.datasetProperties().intensityProperties(), back.datasetProperties().intensityProperties());
    }

    @Test
    void usesNnUNetKeyNames() throws IOException {
        JsonNode root = new ObjectMapper().readTree(PlansJson.toJson(twoStagePlansWithCtStatistics()));
        for (String key : List.of("num_stages", "num_modalities", "modalities", "normalization_schemes",
                "use_mask_for_norm", "num_classes", "all_classes", "base_num_features", "transpose_forward",
                "transpose_backward", "data_identifier", "plans_per_stage", "conv_per_stage")) {
            assertTrue(root.has(key), key);
        }
        assertEquals(2, root.get("num_stages").asInt());
        assertEquals("CT", root.get("normalization_schemes").get("0").asText());
        JsonNode stage1 = root.get("plans_per_stage").get("1");
        for (String key : List.of("batch_size", "num_pool_per_axis", "patch_size", "median_patient_size_in_voxels",
                "current_spacing", "original_spacing", "do_dummy_2D_data_aug", "pool_op_kernel_sizes",
                "conv_kernel_sizes")) {
            assertTrue(stage1.has(key), key);
        }
        assertEquals("[40,56,40]", stage1.get("patch_size").toString());
        assertEquals(-900, root.get("dataset_properties").get("intensityproperties").get("0").get("percentile_00_5").asDouble());
    }

    @Test
    void badPlansNameTheFile() throws IOException {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, PlansJson.toJson(twoStagePlansWithCtStatistics())
                .replace("\"transpose_backward\" : [ 0, 1, 2 ]", "\"transpose_backward\" : [ 1, 0, 2 ]"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PlansJson.read(file));
        assertTrue(e.getMessage().contains("broken.json") && e.getMessage().contains("transpose_backward"), e.getMessage());
    }
}
