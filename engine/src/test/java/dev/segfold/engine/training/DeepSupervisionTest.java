package dev.segfold.engine.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.engine.network.Kernel3;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeepSupervisionTest {

    @Test
    void weightsHalveAndTheLowestResolutionGetsNothing() {
        assertArrayEquals(new double[] {1}, DeepSupervision.weights(1), 1e-12);
        assertArrayEquals(new double[] {2 / 3.0, 1 / 3.0, 0}, DeepSupervision.weights(3), 1e-12);
        assertArrayEquals(new double[] {8 / 15.0, 4 / 15.0, 2 / 15.0, 1 / 15.0, 0}, DeepSupervision.weights(5), 1e-12);
        assertEquals(2, DeepSupervision.weightedOutputs(DeepSupervision.weights(3)));
        assertEquals(1, DeepSupervision.weightedOutputs(DeepSupervision.weights(1)));
    }

    @Test
    void targetShapesFollowTheCumulativePools() {
        List<int[]> s = DeepSupervision.targetShapes(new int[] {40, 56, 40},
                List.of(new Kernel3(1, 2, 2), Kernel3.cube(2), Kernel3.cube(2)), 3);
        assertArrayEquals(new int[] {40, 56, 40}, s.get(0));
        assertArrayEquals(new int[] {40, 28, 20}, s.get(1));
        assertArrayEquals(new int[] {20, 14, 10}, s.get(2));
    }

    @Test
    void nearestDownsamplingPicksSkimagesVoxels() {
        // 1 x 1 x 9 -> 1 x 1 x 5 picks x = 0, 2, 4, 6, 8; 10 -> 5 picks the odd ones (checked with skimage 0.19)
        float[] row9 = {0, 1, 2, 3, 4, 5, 6, 7, 8};
        assertArrayEquals(new float[] {0, 2, 4, 6, 8},
                DeepSupervision.downsampleNearest(row9, 1, new int[] {1, 1, 9}, new int[] {1, 1, 5}));
        float[] row10 = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        assertArrayEquals(new float[] {1, 3, 5, 7, 9},
                DeepSupervision.downsampleNearest(row10, 1, new int[] {1, 1, 10}, new int[] {1, 1, 5}));
        // two samples of 2 x 2 x 2 -> 1 x 1 x 1 each take their own voxel (1, 1, 1)
        float[] two = new float[16];
        two[7] = 1;
        two[15] = 2;
        assertArrayEquals(new float[] {1, 2},
                DeepSupervision.downsampleNearest(two, 2, new int[] {2, 2, 2}, new int[] {1, 1, 1}));
    }

    @Test
    void oneHotIsChannelFirstAndRejectsForeignLabels() {
        float[] oh = DeepSupervision.oneHot(new float[] {0, 2, 1, 1}, 2, 2, 3);
        assertArrayEquals(new float[] {1, 0, 0, 0, 0, 1, /* sample 2 */ 0, 0, 1, 1, 0, 0}, oh);
        Exception e = assertThrows(IllegalArgumentException.class,
                () -> DeepSupervision.oneHot(new float[] {0, -1}, 1, 2, 3));
        assertTrue(e.getMessage().contains("-1.0") && e.getMessage().contains("voxel 1"), e.getMessage());
    }
}
