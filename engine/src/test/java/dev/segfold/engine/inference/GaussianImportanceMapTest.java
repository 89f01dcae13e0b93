package dev.segfold.engine.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.engine.image.Volume;
import dev.segfold.engine.testsupport.PythonPeer;
import org.junit.jupiter.api.Test;

class GaussianImportanceMapTest {

    @Test
    void peakIsOneAtPatchCentreAndMapIsSymmetricForOddSides() {
        Volume g = GaussianImportanceMap.of(new int[] {9, 7, 11});
        assertEquals(1f, g.get(4, 3, 5));
        float max = 0;
        for (float v : g.data()) {
            max = Math.max(max, v);
            assertTrue(v > 0, "no zero weights");
        }
        assertEquals(1f, max);
        for (int z = 0; z < 9; z++) {
            for (int y = 0; y < 7; y++) {
                for (int x = 0; x < 11; x++) {
                    assertEquals(g.get(z, y, x), g.get(8 - z, 6 - y, 10 - x), 1e-7f);
                }
            }
        }
    }

    @Test
    void handComputedCornerOfAnEvenPatch() {
        // patch 8: sigma 1, radius 4, centre 4; corner offset (-4, -4, -4) -> exp(-0.5 * 16) per axis
        Volume g = GaussianImportanceMap.of(new int[] {8, 8, 8});
        double axis = Math.exp(-0.5 * 16);
        assertEquals(axis * axis * axis, g.get(0, 0, 0), 1e-12);
        assertEquals(Math.exp(-0.5 * 9) * Math.exp(-0.5), g.get(4, 1, 3), 1e-7);
    }

    @Test
    void zerosBeyondTheKernelRadiusBecomeTheSmallestWeight() {
        // side 12 with sigma scale 0.05: sigma 0.6, kernel radius int(4 * 0.6 + 0.5) = 2, centre 6, so
        // offsets -6..-3 and 3..5 fall outside the kernel and would be zero.
        Volume g = GaussianImportanceMap.of(new int[] {12, 1, 1}, 0.05);
        double sigma = 0.6;
        double k0 = 1, k1 = Math.exp(-0.5 / (sigma * sigma)), k2 = Math.exp(-0.5 / (sigma * sigma) * 4);
        float smallest = (float) (k2 / k0);
        assertEquals(smallest, g.get(4, 0, 0), 1e-7f);
        assertEquals((float) k1, g.get(5, 0, 0), 1e-7f);
        assertEquals(1f, g.get(6, 0, 0));
        assertEquals(smallest, g.get(0, 0, 0), "zero replaced by the smallest nonzero weight");
        assertEquals(smallest, g.get(11, 0, 0));
    }

    @Test
    void matchesScipyGaussianFilter() {
        PythonPeer.assumeModules("numpy", "scipy.ndimage");
        int[][] patches = {{4, 6, 5}, {12, 16, 10}, {3, 1, 2}, {20, 28, 20}, {12, 1, 1}};
        StringBuilder py = new StringBuilder("""
                import numpy as np
                from scipy.ndimage import gaussian_filter
                def g(patch_size, sigma_scale=1. / 8):
                    tmp = np.zeros(patch_size)
                    center_coords = [i // 2 for i in patch_size]
                    sigmas = [i * sigma_scale for i in patch_size]
                    tmp[tuple(center_coords)] = 1
                    m = gaussian_filter(tmp, sigmas, 0, mode='constant', cval=0)
                    m = m / np.max(m) * 1
                    m = m.astype(np.float32)
                    m[m == 0] = np.min(m[m != 0])
                    return m
                """);
        for (int[] p : patches) {
            py.append("print(' '.join(repr(float(v)) for v in g((").append(p[0]).append(",").append(p[1]).append(",")
                    .append(p[2]).append(")).ravel()))\n");
        }
        String[] lines = PythonPeer.run(py.toString()).strip().split("\n");
        for (int i = 0; i < patches.length; i++) {
            float[] mine = GaussianImportanceMap.of(patches[i]).data();
            String[] ref = lines[i].trim().split(" ");
            assertEquals(ref.length, mine.length);
            for (int k = 0; k < ref.length; k++) {
                float expected = Float.parseFloat(ref[k]);
                assertEquals(expected, mine[k], Math.max(1e-7f, Math.abs(expected) * 1e-6f),
                        "patch " + java.util.Arrays.toString(patches[i]) + " voxel " + k);
            }
        }
    }
}
