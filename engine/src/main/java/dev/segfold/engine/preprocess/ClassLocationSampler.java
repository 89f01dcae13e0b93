package dev.segfold.engine.preprocess;

import dev.segfold.engine.image.Volume;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Samples, per foreground class, the voxels that foreground oversampling centres patches on:
 * {@code max(min(10000, n), ceil(0.01 n))} distinct voxels of the n voxels of that class, drawn
 * with a seeded generator so that preprocessing is reproducible (nnU-Net seeds numpy with 1234;
 * the draw itself is not numpy's).
 */
public final class ClassLocationSampler {
    /** nnU-Net's samples per class. */
    public static final int SAMPLES = 10000;
    /** nnU-Net's minimum fraction of a class's voxels. */
    public static final double MIN_FRACTION = 0.01;

    private ClassLocationSampler() {}

    /** How many voxels are kept of a class with {@code n} voxels. */
    public static int sampleCount(int n) {
        return Math.max(Math.min(SAMPLES, n), (int) Math.ceil(n * MIN_FRACTION));
    }

    /**
     * For each of {@code classes} (in order), sampled (z, y, x) coordinates of voxels with that
     * label in {@code seg}; a class absent from the case maps to an empty array.
     */
    public static Map<Integer, int[][]> sample(Volume seg, int[] classes, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] s = seg.data();
        int ny = seg.height();
        int nx = seg.width();
        Map<Integer, int[][]> out = new LinkedHashMap<>();
        for (int c : classes) {
            int n = 0;
            for (float v : s) {
                if (v == c) {
                    n++;
                }
            }
            int[] idx = new int[n];
            int k = 0;
            for (int i = 0; i < s.length; i++) {
                if (s[i] == c) {
                    idx[k++] = i;
                }
            }
            int m = sampleCount(n);
            // partial Fisher-Yates: the first m entries become a uniform sample without replacement
            for (int i = 0; i < m; i++) {
                int j = i + rnd.nextInt(n - i);
                int t = idx[i];
                idx[i] = idx[j];
                idx[j] = t;
            }
            int[][] coords = new int[m][];
            for (int i = 0; i < m; i++) {
                int v = idx[i];
                coords[i] = new int[] {v / (ny * nx), (v / nx) % ny, v % nx};
            }
            out.put(c, coords);
        }
        return out;
    }
}
