package dev.segfold.engine.augment;

/**
 * Cubic B-spline interpolation, the order-3 interpolation of scipy.ndimage that batchgenerators
 * and skimage use: samples are first turned into spline coefficients by a recursive filter
 * (Unser's pole z = sqrt(3) - 2, mirror boundaries), then any point is the weighted sum of the
 * 4 coefficients around it per axis. The interpolant passes through the samples exactly.
 */
final class CubicBSpline {
    private static final double POLE = Math.sqrt(3) - 2;
    private static final double GAIN = (1 - POLE) * (1 - 1 / POLE);
    /** Beyond this many samples the pole's influence is below 1e-10 and the sums are cut off. */
    private static final int HORIZON = (int) Math.ceil(Math.log(1e-10) / Math.log(Math.abs(POLE)));

    private CubicBSpline() {}

    /** Turns {@code n} samples in {@code c} into spline coefficients in place (mirror boundary). */
    static void prefilter(double[] c, int n) {
        if (n < 2) {
            return;
        }
        for (int i = 0; i < n; i++) {
            c[i] *= GAIN;
        }
        c[0] = causalStart(c, n);
        for (int i = 1; i < n; i++) {
            c[i] += POLE * c[i - 1];
        }
        c[n - 1] = (POLE / (POLE * POLE - 1)) * (POLE * c[n - 2] + c[n - 1]);
        for (int i = n - 2; i >= 0; i--) {
            c[i] = POLE * (c[i + 1] - c[i]);
        }
    }

    private static double causalStart(double[] c, int n) {
        if (n > HORIZON) {
            double zn = POLE;
            double sum = c[0];
            for (int k = 1; k < HORIZON; k++) {
                sum += zn * c[k];
                zn *= POLE;
            }
            return sum;
        }
        double zn = POLE;
        double iz = 1 / POLE;
        double z2n = Math.pow(POLE, n - 1);
        double sum = c[0] + z2n * c[n - 1];
        z2n *= z2n * iz;
        for (int k = 1; k < n - 1; k++) {
            sum += (zn + z2n) * c[k];
            zn *= POLE;
            z2n *= iz;
        }
        return sum / (1 - zn * zn);
    }

    /**
     * Spline coefficients of a (z, y, x) volume: the filter runs along x and y, and along z too
     * unless {@code planar} (dummy-2D, where z slices are interpolated independently).
     */
    static float[] coefficients(float[] samples, int[] shape, boolean planar) {
        int d = shape[0];
        int h = shape[1];
        int w = shape[2];
        float[] out = samples.clone();
        double[] line = new double[w];
        for (int l = 0; l < d * h; l++) {
            int start = l * w;
            for (int i = 0; i < w; i++) {
                line[i] = out[start + i];
            }
            prefilter(line, w);
            for (int i = 0; i < w; i++) {
                out[start + i] = (float) line[i];
            }
        }
        double[] acc = new double[h * w];
        for (int z = 0; z < d; z++) {
            prefilterBlock(out, z * h * w, h, w, acc);
        }
        if (!planar) {
            prefilterBlock(out, 0, d, h * w, acc);
        }
        return out;
    }

    /**
     * {@link #prefilter} along an axis of {@code n} samples, for {@code inner} contiguous lines at
     * once: sample k of line j sits at {@code base + k * inner + j}. Running the recursion over
     * whole rows or planes keeps the memory access sequential.
     */
    private static void prefilterBlock(float[] a, int base, int n, int inner, double[] acc) {
        if (n < 2) {
            return;
        }
        int end = base + n * inner;
        for (int i = base; i < end; i++) {
            a[i] *= (float) GAIN;
        }
        if (n > HORIZON) {
            for (int j = 0; j < inner; j++) {
                acc[j] = a[base + j];
            }
            double zn = POLE;
            for (int k = 1; k < HORIZON; k++) {
                int row = base + k * inner;
                for (int j = 0; j < inner; j++) {
                    acc[j] += zn * a[row + j];
                }
                zn *= POLE;
            }
            for (int j = 0; j < inner; j++) {
                a[base + j] = (float) acc[j];
            }
        } else {
            double[] c = new double[n];
            for (int j = 0; j < inner; j++) {
                for (int k = 0; k < n; k++) {
                    c[k] = a[base + k * inner + j];
                }
                a[base + j] = (float) causalStart(c, n);
            }
        }
        float pole = (float) POLE;
        for (int k = 1; k < n; k++) {
            int row = base + k * inner;
            int prev = row - inner;
            for (int j = 0; j < inner; j++) {
                a[row + j] += pole * a[prev + j];
            }
        }
        int last = base + (n - 1) * inner;
        float endGain = (float) (POLE / (POLE * POLE - 1));
        for (int j = 0; j < inner; j++) {
            a[last + j] = endGain * (pole * a[last - inner + j] + a[last + j]);
        }
        for (int k = n - 2; k >= 0; k--) {
            int row = base + k * inner;
            int next = row + inner;
            for (int j = 0; j < inner; j++) {
                a[row + j] = pole * (a[next + j] - a[row + j]);
            }
        }
    }

    /** The 4 weights of coefficients floor(x)-1 .. floor(x)+2 for fractional part {@code t}. */
    static void weights(double t, double[] w) {
        double t2 = t * t;
        double t3 = t2 * t;
        double u = 1 - t;
        w[0] = u * u * u / 6;
        w[1] = (4 - 6 * t2 + 3 * t3) / 6;
        w[2] = (1 + 3 * t + 3 * t2 - 3 * t3) / 6;
        w[3] = t3 / 6;
    }

    /** Whole-sample mirror of an index into [0, n): -1 maps to 1, n to n-2. */
    static int mirror(int i, int n) {
        if (n == 1) {
            return 0;
        }
        int period = 2 * (n - 1);
        int m = Math.floorMod(i, period);
        return m < n ? m : period - m;
    }

    /** Edge samples added on each side before filtering, as scipy does for mode 'nearest'. */
    private static final int EDGE_PAD = 12;

    /**
     * Precomputed taps of a cubic resize of a line of {@code n} samples to {@code m} samples the
     * way skimage's {@code resize(order=3, mode='edge')} does: output sample i reads the input at
     * (i + 0.5) * n / m - 0.5, the input extended by its edge values.
     */
    static final class LineResampler {
        private final int n;
        private final int m;
        private final int[] first;
        private final double[] weights;
        private final double[] padded;

        LineResampler(int n, int m) {
            this.n = n;
            this.m = m;
            this.first = new int[m];
            this.weights = new double[4 * m];
            this.padded = new double[n + 2 * EDGE_PAD];
            double[] w = new double[4];
            for (int i = 0; i < m; i++) {
                double x = (i + 0.5) * n / m - 0.5 + EDGE_PAD;
                int i0 = (int) Math.floor(x);
                weights(x - i0, w);
                first[i] = i0 - 1;
                System.arraycopy(w, 0, weights, 4 * i, 4);
            }
        }

        /** Resamples {@code in[0..n)} into {@code out[0..m)}. */
        void resample(double[] in, double[] out) {
            int len = padded.length;
            for (int i = 0; i < len; i++) {
                padded[i] = in[Math.min(n - 1, Math.max(0, i - EDGE_PAD))];
            }
            prefilter(padded, len);
            for (int i = 0; i < m; i++) {
                int f = first[i];
                double s = 0;
                for (int k = 0; k < 4; k++) {
                    int idx = f + k;
                    s += weights[4 * i + k] * padded[idx >= 0 && idx < len ? idx : mirror(idx, len)];
                }
                out[i] = s;
            }
        }
    }
}
