package dev.segfold.engine.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.engine.augment.AugmentationSettings;
import dev.segfold.engine.training.TrainingBatch;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchBuilderTest {
    private static final int[] PATCH = {16, 20, 16};
    private static final List<TrainingCase> CASES = SyntheticCases.cases(4, new int[] {24, 30, 26});

    private static BatchBuilder training(long seed) {
        return AugmentingBatchSource.nnUNetTraining(CASES,
                AugmentationSettings.of(PATCH, false, new boolean[] {true}), 5).optSeed(seed).batchBuilder();
    }

    @Test
    void batchHasTheNetworkLayout() {
        TrainingBatch b = training(1).build(0);
        assertEquals(5, b.batchSize());
        assertEquals(1, b.channels());
        assertArrayEquals(PATCH, b.patchShape());
        int voxels = 16 * 20 * 16;
        assertEquals(5 * voxels, b.data().length);
        assertEquals(5 * voxels, b.target().length);
        for (float t : b.target()) {
            assertTrue(t == 0 || t == 1 || t == 2, "target label " + t);
        }
    }

    @Test
    void batchDependsOnlyOnSeedAndIndex() {
        TrainingBatch a = training(7).build(42);
        TrainingBatch again = training(7).build(42);
        assertArrayEquals(a.data(), again.data());
        assertArrayEquals(a.target(), again.target());
        assertFalse(Arrays.equals(a.data(), training(7).build(43).data()), "next index differs");
        assertFalse(Arrays.equals(a.data(), training(8).build(42).data()), "other seed differs");
    }

    @Test
    void forcedValidationSamplesContainForeground() {
        // validation cuts the final patch directly, so the forced samples (the last 2 of 5) must
        // hold the sampled foreground voxel at their centre
        BatchBuilder v = AugmentingBatchSource.nnUNetValidation(CASES,
                AugmentationSettings.of(PATCH, false, new boolean[] {false}), 5).optSeed(3).batchBuilder();
        int voxels = 16 * 20 * 16;
        for (int k = 0; k < 20; k++) {
            TrainingBatch b = v.build(k);
            for (int j = 3; j < 5; j++) {
                float centre = b.target()[j * voxels + (8 * 20 + 10) * 16 + 8];
                assertTrue(centre > 0, "batch " + k + " sample " + j + " is forced to foreground");
            }
        }
    }

    @Test
    void seedMixingSeparatesNeighbouringSeedsAndIndices() {
        assertFalse(BatchBuilder.batchSeed(1, 2) == BatchBuilder.batchSeed(2, 1));
        assertFalse(BatchBuilder.batchSeed(0, 0) == BatchBuilder.batchSeed(0, 1));
    }
}
