package dev.segfold.engine.inference;

import dev.segfold.engine.image.Volume;

/**
 * The weight that each voxel of a predicted patch gets when overlapping tiles are blended: a
 * Gaussian centred on the patch, because a network is least reliable at the patch border.
 * Reproduces nnU-Net v1's {@code _get_gaussian}: a delta at {@code patch // 2} filtered by
 * {@code scipy.ndimage.gaussian_filter(sigma = patch * sigmaScale, mode='constant', truncate=4)},
 * divided by its maximum, cast to float32, zeros replaced by the smallest nonzero weight (a zero
 * weight could leave a voxel with nothing to divide by).
 */
public final class GaussianImportanceMap {
    /** nnU-Net's sigma as a fraction of the patch length. */
    public static final double DEFAULT_SIGMA_SCALE = 1.0 / 8;

    private static final double TRUNCATE = 4.0;

    private GaussianImportanceMap() {}

    /** The map for a (z, y, x) patch with sigma = patch / 8. */
    public static Volume of(int[] patchShape) {
        return of(patchShape, DEFAULT_SIGMA_SCALE);
    }

    /** The map for a (z, y, x) patch with sigma = patch * sigmaScale per axis. */
    public static Volume of(int[] patchShape, double sigmaScale) {
        if (patchShape.length != 3) {
            throw new IllegalArgumentException("patchShape needs 3 axes (z, y, x), got " + patchShape.length);
        }
        double[][] profile = new double[3][];
        for (int a = 0; a < 3; a++) {
            profile[a] = filteredDelta(patchShape[a], patchShape[a] * sigmaScale);
        }
        int d = patchShape[0], h = patchShape[1], w = patchShape[2];
        double[] raw = new double[d * h * w];
        double max = 0;
        int i = 0;
        for (int z = 0; z < d; z++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    // scipy filters axis 0 first, then 1, then 2: keep its multiplication order.
                    double v = profile[2][x] * (profile[1][y] * profile[0][z]);
                    raw[i++] = v;
                    max = Math.max(max, v);
                }
            }
        }
        float[] out = new float[raw.length];
        float minNonZero = Float.POSITIVE_INFINITY;
        for (int k = 0; k < raw.length; k++) {
            out[k] = (float) (raw[k] / max);
            if (out[k] != 0 && out[k] < minNonZero) {
                minNonZero = out[k];
            }
        }
        for (int k = 0; k < out.length; k++) {
            if (out[k] == 0) {
                out[k] = minNonZero;
            }
        }
        return new Volume(patchShape, out);
    }

    /**
     * One axis of the filtered delta: scipy's normalised, truncated 1D kernel read at the distance
     * from the centre {@code n // 2}; zero beyond the kernel radius.
     */
    private static double[] filteredDelta(int n, double sigma) {
        int radius = (int) (TRUNCATE * sigma + 0.5);
        double[] kernel = new double[2 * radius + 1];
        double sum = 0;
        for (int k = -radius; k <= radius; k++) {
            double v = Math.exp(-0.5 / (sigma * sigma) * (double) (k * k));
            kernel[k + radius] = v;
            sum += v;
        }
        int centre = n / 2;
        double[] profile = new double[n];
        for (int i = 0; i < n; i++) {
            int offset = i - centre;
            profile[i] = Math.abs(offset) <= radius ? kernel[offset + radius] / sum : 0.0;
        }
        return profile;
    }
}
