package dev.segfold.engine.augment;

import dev.segfold.engine.image.Volume;

/**
 * Samples a volume at affinely mapped coordinates, the {@code map_coordinates} step of
 * batchgenerators' spatial transform. Output voxel {@code o} (z, y, x) reads the input at
 * {@code M (o - (P - 1) / 2) + (D / 2 - 0.5)}, i.e. the output patch P is centred in the input D.
 * In planar mode (dummy-2D) M acts only in-plane and each output slice reads one input slice.
 *
 * <p>Intensities use cubic B-splines with 0 outside the input; label maps use nnU-Net's "order 1
 * per label": each label's indicator is interpolated linearly and a voxel takes the (largest)
 * label whose weight reaches 0.5, 0 if none does, and -1 outside the input.
 */
final class AffineResampler {
    private static final double EPS = 1e-6;

    private final int[] in;
    private final int[] out;
    private final double[][] m;
    private final boolean planar;
    private final double[] centreIn = new double[3];
    private final double[] centreOut = new double[3];

    AffineResampler(int[] inShape, int[] outShape, double[][] matrix, boolean planar) {
        this.in = inShape.clone();
        this.out = outShape.clone();
        this.m = matrix;
        this.planar = planar;
        for (int a = 0; a < 3; a++) {
            centreIn[a] = in[a] / 2.0 - 0.5;
            centreOut[a] = (out[a] - 1) / 2.0;
        }
    }

    /** Cubic interpolation of an intensity volume, 0 outside. */
    Volume sampleIntensity(Volume v) {
        float[] coef = CubicBSpline.coefficients(v.data(), in, planar);
        double[] wz = new double[4];
        double[] wy = new double[4];
        double[] wx = new double[4];
        int[] zs = new int[4];
        int[] ys = new int[4];
        int[] xs = new int[4];
        int h = in[1];
        int w = in[2];
        return sampleGrid(0f, src -> {
            int y0 = (int) Math.floor(src[1]);
            int x0 = (int) Math.floor(src[2]);
            CubicBSpline.weights(src[1] - y0, wy);
            CubicBSpline.weights(src[2] - x0, wx);
            if (planar) {
                taps(y0, h, ys);
                taps(x0, w, xs);
                return (float) plane(coef, (int) src[0] * h * w, ys, xs, wy, wx, w);
            }
            int z0 = (int) Math.floor(src[0]);
            CubicBSpline.weights(src[0] - z0, wz);
            if (z0 >= 1 && z0 + 2 < in[0] && y0 >= 1 && y0 + 2 < h && x0 >= 1 && x0 + 2 < w) {
                return (float) interior(coef, ((z0 - 1) * h + y0 - 1) * w + x0 - 1, h * w, w, wz, wy, wx);
            }
            taps(y0, h, ys);
            taps(x0, w, xs);
            taps(z0, in[0], zs);
            double sum = 0;
            for (int a = 0; a < 4; a++) {
                sum += wz[a] * plane(coef, zs[a] * h * w, ys, xs, wy, wx, w);
            }
            return (float) sum;
        });
    }

    /** The value of one output voxel from its (clamped, inside) source coordinates. */
    @FunctionalInterface
    private interface VoxelSampler {
        float at(double[] src);
    }

    /** The output grid: each voxel inside the input from {@code sampler}, the others {@code outside}. */
    private Volume sampleGrid(float outside, VoxelSampler sampler) {
        float[] res = new float[out[0] * out[1] * out[2]];
        double[] src = new double[3];
        int idx = 0;
        for (int oz = 0; oz < out[0]; oz++) {
            for (int oy = 0; oy < out[1]; oy++) {
                for (int ox = 0; ox < out[2]; ox++, idx++) {
                    res[idx] = source(oz, oy, ox, src) ? sampler.at(src) : outside;
                }
            }
        }
        return new Volume(out, res);
    }

    /** The 64-tap sum when all taps lie inside, starting at linear index {@code first}. */
    private static double interior(float[] c, int first, int planeStep, int w, double[] wz, double[] wy, double[] wx) {
        double sum = 0;
        for (int a = 0; a < 4; a++) {
            double inner = 0;
            int row = first + a * planeStep;
            for (int b = 0; b < 4; b++, row += w) {
                inner += wy[b] * (wx[0] * c[row] + wx[1] * c[row + 1] + wx[2] * c[row + 2] + wx[3] * c[row + 3]);
            }
            sum += wz[a] * inner;
        }
        return sum;
    }

    private static double plane(float[] c, int base, int[] ys, int[] xs, double[] wy, double[] wx, int w) {
        double sum = 0;
        for (int b = 0; b < 4; b++) {
            int row = base + ys[b] * w;
            sum += wy[b] * (wx[0] * c[row + xs[0]] + wx[1] * c[row + xs[1]]
                    + wx[2] * c[row + xs[2]] + wx[3] * c[row + xs[3]]);
        }
        return sum;
    }

    private static void taps(int i0, int n, int[] t) {
        for (int k = 0; k < 4; k++) {
            int i = i0 - 1 + k;
            t[k] = i >= 0 && i < n ? i : CubicBSpline.mirror(i, n);
        }
    }

    /** Order-1-per-label interpolation of a label map, -1 outside. */
    Volume sampleLabels(Volume v) {
        float[] lab = v.data();
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        int[] index = new int[lab.length];
        for (int i = 0; i < lab.length; i++) {
            index[i] = Math.round(lab[i]);
            min = Math.min(min, index[i]);
            max = Math.max(max, index[i]);
        }
        for (int i = 0; i < lab.length; i++) {
            index[i] -= min;
        }
        double[] acc = new double[max - min + 1];
        int[] corner = new int[8];
        double[] weight = new double[8];
        int h = in[1];
        int w = in[2];
        int offset = min;
        return sampleGrid(-1f, src -> {
            int n = corners(src, h, w, corner, weight);
            int first = index[corner[0]];
            boolean uniform = true;
            for (int k = 1; k < n && uniform; k++) {
                uniform = index[corner[k]] == first;
            }
            if (uniform) {
                // all corners agree (the common case): the weights sum to 1
                return first + offset;
            }
            for (int k = 0; k < n; k++) {
                acc[index[corner[k]]] += weight[k];
            }
            // the largest label reaching 0.5 wins, as when numpy assigns labels in ascending order
            int best = -1;
            for (int k = 0; k < n; k++) {
                int l = index[corner[k]];
                if (acc[l] >= 0.5 && l > best) {
                    best = l;
                }
            }
            for (int k = 0; k < n; k++) {
                acc[index[corner[k]]] = 0;
            }
            return best < 0 ? 0 : best + offset;
        });
    }

    /** Fills the linear-interpolation corners of {@code src}; returns how many (4 planar, 8 else). */
    private int corners(double[] src, int h, int w, int[] corner, double[] weight) {
        int y0 = Math.min((int) Math.floor(src[1]), h - 1);
        int x0 = Math.min((int) Math.floor(src[2]), w - 1);
        double ty = src[1] - y0;
        double tx = src[2] - x0;
        int y1 = Math.min(y0 + 1, h - 1);
        int x1 = Math.min(x0 + 1, w - 1);
        if (planar) {
            fillPlane(corner, weight, 0, (int) src[0] * h * w, 1, y0, y1, x0, x1, ty, tx, w);
            return 4;
        }
        int z0 = Math.min((int) Math.floor(src[0]), in[0] - 1);
        double tz = src[0] - z0;
        int z1 = Math.min(z0 + 1, in[0] - 1);
        fillPlane(corner, weight, 0, z0 * h * w, 1 - tz, y0, y1, x0, x1, ty, tx, w);
        fillPlane(corner, weight, 4, z1 * h * w, tz, y0, y1, x0, x1, ty, tx, w);
        return 8;
    }

    private static void fillPlane(int[] corner, double[] weight, int n, int base, double wz,
            int y0, int y1, int x0, int x1, double ty, double tx, int w) {
        corner[n] = base + y0 * w + x0;
        weight[n] = wz * (1 - ty) * (1 - tx);
        corner[n + 1] = base + y0 * w + x1;
        weight[n + 1] = wz * (1 - ty) * tx;
        corner[n + 2] = base + y1 * w + x0;
        weight[n + 2] = wz * ty * (1 - tx);
        corner[n + 3] = base + y1 * w + x1;
        weight[n + 3] = wz * ty * tx;
    }

    /** Source coordinate of an output voxel; false when it lies outside the input. */
    private boolean source(int oz, int oy, int ox, double[] src) {
        double cz = oz - centreOut[0];
        double cy = oy - centreOut[1];
        double cx = ox - centreOut[2];
        if (planar) {
            src[0] = oz + (in[0] - out[0]) / 2;
        } else {
            src[0] = m[0][0] * cz + m[0][1] * cy + m[0][2] * cx + centreIn[0];
        }
        src[1] = m[1][0] * cz + m[1][1] * cy + m[1][2] * cx + centreIn[1];
        src[2] = m[2][0] * cz + m[2][1] * cy + m[2][2] * cx + centreIn[2];
        for (int a = 0; a < 3; a++) {
            if (src[a] < -EPS || src[a] > in[a] - 1 + EPS) {
                return false;
            }
            src[a] = Math.min(in[a] - 1, Math.max(0, src[a]));
        }
        return true;
    }
}
