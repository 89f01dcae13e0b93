package dev.segfold.engine.augment;

import dev.segfold.engine.image.Volume;

/**
 * scipy.ndimage's {@code gaussian_filter} with its defaults: a separable normalised Gaussian kernel
 * of radius round(4 sigma), edges extended by reflection (d c b a | a b c d | d c b a).
 */
public final class GaussianFilter {
    private GaussianFilter() {}

    /** Blurs {@code v} in place along all three axes with the same {@code sigma} (voxels). */
    public static void apply(Volume v, double sigma) {
        double[] k = kernel(sigma);
        int[] s = v.shape();
        float[] a = v.data();
        int d = s[0];
        int h = s[1];
        int w = s[2];
        double[] line = new double[Math.max(d, Math.max(h, w))];
        double[] res = new double[line.length];
        for (int l = 0; l < d * h; l++) {
            convolve(a, l * w, 1, w, k, line, res);
        }
        for (int z = 0; z < d; z++) {
            for (int x = 0; x < w; x++) {
                convolve(a, z * h * w + x, w, h, k, line, res);
            }
        }
        for (int yx = 0; yx < h * w; yx++) {
            convolve(a, yx, h * w, d, k, line, res);
        }
    }

    /** The normalised 1D kernel, index r holding offset r - radius. */
    static double[] kernel(double sigma) {
        int radius = (int) (4.0 * sigma + 0.5);
        double[] k = new double[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            k[i + radius] = Math.exp(-0.5 * i * i / (sigma * sigma));
            sum += k[i + radius];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
        }
        return k;
    }

    private static void convolve(float[] a, int start, int stride, int n, double[] k, double[] line, double[] res) {
        for (int i = 0; i < n; i++) {
            line[i] = a[start + i * stride];
        }
        int r = k.length / 2;
        for (int i = 0; i < n; i++) {
            double s = 0;
            if (i >= r && i + r < n) {
                for (int j = 0, o = i - r; j < k.length; j++, o++) {
                    s += k[j] * line[o];
                }
            } else {
                for (int j = -r; j <= r; j++) {
                    s += k[j + r] * line[reflect(i + j, n)];
                }
            }
            res[i] = s;
        }
        for (int i = 0; i < n; i++) {
            a[start + i * stride] = (float) res[i];
        }
    }

    /** Half-sample symmetric index: -1 maps to 0, n to n-1. */
    static int reflect(int i, int n) {
        if (i >= 0 && i < n) {
            return i;
        }
        int period = 2 * n;
        int m = Math.floorMod(i, period);
        return m < n ? m : period - 1 - m;
    }
}
