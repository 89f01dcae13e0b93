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
    void cascadeBatchesCarryThePreviousStageAsOneHotChannels() {
        List<TrainingCase> cascade = CASES.stream()
                .map(c -> new TrainingCase(c.preprocessed(), c.preprocessed().seg().copy()))
                .toList();
        // previous stage = ground truth with -1 (outside the mask) mapped to background
        cascade.forEach(c -> {
            float[] a = c.previousStage().data();
            for (int i = 0; i < a.length; i++) {
                a[i] = Math.max(0, a[i]);
            }
        });
        BatchBuilder v = AugmentingBatchSource.nnUNetValidation(cascade,
                new AugmentationSettings(PATCH, false, new boolean[] {false}, new int[] {1, 2}), 3).batchBuilder();
        TrainingBatch b = v.build(0);
        assertEquals(3, b.channels(), "image + one-hot of labels 1 and 2");
        int voxels = 16 * 20 * 16;
        for (int j = 0; j < 3; j++) {
            for (int i = 0; i < voxels; i++) {
                float target = b.target()[j * voxels + i];
                float one = b.data()[(j * 3 + 1) * voxels + i];
                float two = b.data()[(j * 3 + 2) * voxels + i];
                assertEquals(target == 1 ? 1f : 0f, one, "sample " + j + " voxel " + i);
                assertEquals(target == 2 ? 1f : 0f, two, "sample " + j + " voxel " + i);
            }
        }
        // with training augmentation the one-hot channels stay binary and exclusive
        BatchBuilder t = AugmentingBatchSource.nnUNetTraining(cascade,
                new AugmentationSettings(PATCH, false, new boolean[] {false}, new int[] {1, 2}), 3).batchBuilder();
        for (int k = 0; k < 3; k++) {
            TrainingBatch tb = t.build(k);
            for (int j = 0; j < 3; j++) {
                for (int i = 0; i < voxels; i++) {
                    float one = tb.data()[(j * 3 + 1) * voxels + i];
                    float two = tb.data()[(j * 3 + 2) * voxels + i];
                    assertTrue((one == 0 || one == 1) && (two == 0 || two == 1) && one + two <= 1);
                }
            }
        }
    }

    @Test
    void hippocampusSizedBatchTiming() {
        // not an assertion on time: prints what one batch of 9 costs on this machine
        List<TrainingCase> cases = SyntheticCases.cases(6, new int[] {36, 50, 35});
        BatchBuilder b = AugmentingBatchSource.nnUNetTraining(cases,
                AugmentationSettings.of(new int[] {40, 56, 40}, false, new boolean[] {false}), 9).batchBuilder();
        b.build(0);
        long t0 = System.nanoTime();
        int n = 5;
        for (int k = 1; k <= n; k++) {
            assertEquals(9, b.build(k).batchSize());
        }
        System.out.printf("batch of 9 x [40, 56, 40] from [73, 80, 64] loader patches: %.0f ms per batch (one thread)%n",
                (System.nanoTime() - t0) / 1e6 / n);
    }

    @Test
    void seedMixingSeparatesNeighbouringSeedsAndIndices() {
        assertFalse(BatchBuilder.batchSeed(1, 2) == BatchBuilder.batchSeed(2, 1));
        assertFalse(BatchBuilder.batchSeed(0, 0) == BatchBuilder.batchSeed(0, 1));
    }
}
