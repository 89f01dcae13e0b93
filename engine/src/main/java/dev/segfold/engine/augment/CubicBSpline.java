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
        double[] line = new double[Math.max(d, Math.max(h, w))];
        filterAxis(out, w, 1, d * h, w, line);
        for (int z = 0; z < d; z++) {
            for (int x = 0; x < w; x++) {
                filterLine(out, z * h * w + x, w, h, line);
            }
        }
        if (!planar) {
            for (int yx = 0; yx < h * w; yx++) {
                filterLine(out, yx, h * w, d, line);
            }
        }
        return out;
    }

    private static void filterAxis(float[] a, int n, int stride, int lines, int lineStep, double[] line) {
        for (int l = 0; l < lines; l++) {
            filterLine(a, l * lineStep, stride, n, line);
        }
    }

    private static void filterLine(float[] a, int start, int stride, int n, double[] line) {
        for (int i = 0; i < n; i++) {
            line[i] = a[start + i * stride];
        }
        prefilter(line, n);
        for (int i = 0; i < n; i++) {
            a[start + i * stride] = (float) line[i];
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

    /**
     * Resamples one line of {@code n} samples to {@code m} samples the way skimage's
     * {@code resize(order=3, mode='edge')} does: output sample i reads the input at
     * (i + 0.5) * n / m - 0.5, and the input is extended by its edge values.
     */
    static void resizeLine(double[] in, int n, double[] out, int m, double[] scratch) {
        int pad = HORIZON;
        int len = n + 2 * pad;
        for (int i = 0; i < len; i++) {
            scratch[i] = in[Math.min(n - 1, Math.max(0, i - pad))];
        }
        prefilter(scratch, len);
        double[] w = new double[4];
        double ratio = (double) n / m;
        for (int i = 0; i < m; i++) {
            double x = (i + 0.5) * ratio - 0.5 + pad;
            int i0 = (int) Math.floor(x);
            weights(x - i0, w);
            double s = 0;
            for (int k = 0; k < 4; k++) {
                s += w[k] * scratch[mirror(i0 - 1 + k, len)];
            }
            out[i] = s;
        }
    }

    /** Scratch length {@link #resizeLine} needs for an input line of {@code n} samples. */
    static int resizeScratch(int n) {
        return n + 2 * HORIZON;
    }
}
