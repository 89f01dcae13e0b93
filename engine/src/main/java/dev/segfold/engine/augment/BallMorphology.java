package dev.segfold.engine.augment;

import dev.segfold.engine.augment.RandomBinaryOperator.Operation;

/**
 * Binary morphology with a Euclidean ball, done through an exact squared Euclidean distance
 * transform (Felzenszwalb and Huttenlocher) so the cost does not grow with the radius: a voxel is
 * in the dilation of A by the ball of radius r iff its squared distance to A is at most r^2.
 * Outside the volume counts as background (scipy's border_value 0): dilation ignores it, erosion
 * eats into objects touching the border.
 */
public final class BallMorphology {
    private static final double INF = 1e20;

    private BallMorphology() {}

    /** Applies {@code op} to {@code mask} of {@code shape} (z, y, x); returns a new mask. */
    public static boolean[] apply(Operation op, boolean[] mask, int[] shape, double radius) {
        return switch (op) {
            case DILATION -> dilate(mask, shape, radius);
            case EROSION -> erode(mask, shape, radius);
            case CLOSING -> erode(dilate(mask, shape, radius), shape, radius);
            case OPENING -> dilate(erode(mask, shape, radius), shape, radius);
        };
    }

    /** Dilation by the ball of {@code radius}: voxels within that distance of the mask. */
    public static boolean[] dilate(boolean[] mask, int[] shape, double radius) {
        double[] d = squaredDistanceTo(mask, shape, true);
        double r2 = radius * radius;
        boolean[] out = new boolean[mask.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = d[i] <= r2;
        }
        return out;
    }

    /** Erosion by the ball of {@code radius}; outside the volume counts as background. */
    public static boolean[] erode(boolean[] mask, int[] shape, double radius) {
        double[] d = squaredDistanceTo(mask, shape, false);
        double r2 = radius * radius;
        boolean[] out = new boolean[mask.length];
        int h = shape[1];
        int w = shape[2];
        for (int z = 0, i = 0; z < shape[0]; z++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++, i++) {
                    if (!mask[i] || d[i] <= r2) {
                        continue;
                    }
                    int border = Math.min(Math.min(Math.min(z + 1, shape[0] - z), Math.min(y + 1, h - y)),
                            Math.min(x + 1, w - x));
                    out[i] = (double) border * border > r2;
                }
            }
        }
        return out;
    }

    /** Squared distance of every voxel to the nearest voxel whose mask equals {@code target}. */
    static double[] squaredDistanceTo(boolean[] mask, int[] shape, boolean target) {
        int d = shape[0];
        int h = shape[1];
        int w = shape[2];
        double[] f = new double[mask.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = mask[i] == target ? 0 : INF;
        }
        int n = Math.max(d, Math.max(h, w));
        double[] line = new double[n];
        double[] out = new double[n];
        int[] v = new int[n];
        double[] zb = new double[n + 1];
        for (int l = 0; l < d * h; l++) {
            pass(f, l * w, 1, w, line, out, v, zb);
        }
        for (int z = 0; z < d; z++) {
            for (int x = 0; x < w; x++) {
                pass(f, z * h * w + x, w, h, line, out, v, zb);
            }
        }
        for (int yx = 0; yx < h * w; yx++) {
            pass(f, yx, h * w, d, line, out, v, zb);
        }
        return f;
    }

    /** One 1D lower-envelope pass of the distance transform along a strided line. */
    private static void pass(double[] f, int start, int stride, int n, double[] line, double[] out, int[] v, double[] zb) {
        boolean any = false;
        for (int i = 0; i < n; i++) {
            line[i] = f[start + i * stride];
            any |= line[i] < INF;
        }
        if (!any) {
            return;
        }
        int k = -1;
        for (int q = 0; q < n; q++) {
            if (line[q] >= INF) {
                continue;
            }
            if (k < 0) {
                k = 0;
                v[0] = q;
                zb[0] = Double.NEGATIVE_INFINITY;
                zb[1] = Double.POSITIVE_INFINITY;
                continue;
            }
            double s;
            while (true) {
                int p = v[k];
                s = ((line[q] + (double) q * q) - (line[p] + (double) p * p)) / (2.0 * q - 2.0 * p);
                if (s <= zb[k] && k > 0) {
                    k--;
                } else {
                    break;
                }
            }
            if (s <= zb[k]) {
                // k == 0 and the new parabola dominates everywhere
                v[0] = q;
                zb[0] = Double.NEGATIVE_INFINITY;
                zb[1] = Double.POSITIVE_INFINITY;
                continue;
            }
            k++;
            v[k] = q;
            zb[k] = s;
            zb[k + 1] = Double.POSITIVE_INFINITY;
        }
        int j = 0;
        for (int q = 0; q < n; q++) {
            while (zb[j + 1] < q) {
                j++;
            }
            double dq = q - v[j];
            out[q] = dq * dq + line[v[j]];
        }
        for (int i = 0; i < n; i++) {
            f[start + i * stride] = out[i];
        }
    }
}
