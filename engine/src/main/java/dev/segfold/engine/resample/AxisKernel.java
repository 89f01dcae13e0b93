package dev.segfold.engine.resample;

/**
 * Resampling of one line of samples from {@code in} to {@code out} points, as scipy's
 * {@code ndimage.zoom(grid_mode=True, mode='nearest')} does along one axis: output point i is read
 * at source coordinate {@code (i+0.5)*in/out-0.5}. The sampling positions and weights are computed
 * once per (in, out, order) and reused for every line of a volume.
 */
final class AxisKernel {
    /**
     * scipy pads by 12 edge values before the cubic prefilter when the mode is 'nearest'; the
     * prefilter's boundary influence decays as 0.268^12, so this is what makes 'nearest' exact.
     */
    static final int PAD = 12;

    private static final double POLE = Math.sqrt(3.0) - 2.0;
    private static final double GAIN = (1.0 - POLE) * (1.0 - 1.0 / POLE);

    private final int in;
    private final int out;
    private final Interpolation interpolation;
    private final int taps;
    /** First tap per output point: an index into the line, or into the padded line for cubic. */
    private final int[] start;
    private final double[] weights;

    AxisKernel(int in, int out, Interpolation interpolation) {
        if (in < 1 || out < 1) {
            throw new IllegalArgumentException("cannot resample an axis of " + in + " points to " + out);
        }
        this.in = in;
        this.out = out;
        this.interpolation = interpolation;
        this.taps = interpolation.order() + 1;
        this.start = new int[out];
        this.weights = new double[out * taps];
        double scale = (double) in / out;
        for (int i = 0; i < out; i++) {
            double c = (i + 0.5) * scale - 0.5;
            switch (interpolation) {
                case NEAREST -> start[i] = clamp((int) Math.floor(c + 0.5), in);
                case LINEAR -> {
                    int s = (int) Math.floor(c);
                    double t = c - s;
                    // Taps outside the line take the edge value ('nearest'), so clamping the
                    // tap index reproduces scipy; a tap outside is kept as a separate weight.
                    start[i] = s;
                    weights[2 * i] = 1.0 - t;
                    weights[2 * i + 1] = t;
                }
                case CUBIC -> {
                    double cp = c + PAD;
                    int s = (int) Math.floor(cp);
                    double t = cp - s;
                    double u = 1.0 - t;
                    start[i] = s - 1;
                    weights[4 * i] = u * u * u / 6.0;
                    weights[4 * i + 1] = (4.0 - 6.0 * t * t + 3.0 * t * t * t) / 6.0;
                    weights[4 * i + 2] = (1.0 + 3.0 * t + 3.0 * t * t - 3.0 * t * t * t) / 6.0;
                    weights[4 * i + 3] = t * t * t / 6.0;
                }
            }
        }
    }

    int in() {
        return in;
    }

    int out() {
        return out;
    }

    /** Length of the scratch buffer {@link #apply} needs. */
    int workLength() {
        return in + 2 * PAD;
    }

    /** Resamples {@code src[0..in)} into {@code dst[0..out)}; {@code work} is scratch space. */
    void apply(double[] src, double[] dst, double[] work) {
        switch (interpolation) {
            case NEAREST -> {
                for (int i = 0; i < out; i++) {
                    dst[i] = src[start[i]];
                }
            }
            case LINEAR -> {
                int last = in - 1;
                for (int i = 0; i < out; i++) {
                    int s = start[i];
                    dst[i] = weights[2 * i] * src[clamp(s, in)]
                            + weights[2 * i + 1] * src[s + 1 > last ? last : (s + 1 < 0 ? 0 : s + 1)];
                }
            }
            case CUBIC -> {
                int n = in + 2 * PAD;
                for (int k = 0; k < PAD; k++) {
                    work[k] = src[0];
                    work[PAD + in + k] = src[in - 1];
                }
                System.arraycopy(src, 0, work, PAD, in);
                prefilter(work, n);
                for (int i = 0; i < out; i++) {
                    int s = start[i];
                    int w = 4 * i;
                    dst[i] = weights[w] * work[s] + weights[w + 1] * work[s + 1]
                            + weights[w + 2] * work[s + 2] + weights[w + 3] * work[s + 3];
                }
            }
        }
    }

    /**
     * Cubic B-spline coefficients in place, scipy's {@code spline_filter1d} with the
     * half-sample-symmetric ('reflect') initialisation it uses for mode 'nearest'.
     */
    static void prefilter(double[] c, int n) {
        if (n == 1) {
            return;
        }
        double z = POLE;
        for (int i = 0; i < n; i++) {
            c[i] *= GAIN;
        }
        // causal initialisation (reflect)
        double zi = z;
        double zn = Math.pow(z, n);
        double c0 = c[0];
        double acc = c[0] + zn * c[n - 1];
        for (int i = 1; i < n; i++) {
            acc += zi * (c[i] + zn * c[n - 1 - i]);
            zi *= z;
        }
        c[0] = acc * z / (1 - zn * zn) + c0;
        for (int i = 1; i < n; i++) {
            c[i] += z * c[i - 1];
        }
        // anticausal initialisation (reflect)
        c[n - 1] *= z / (z - 1);
        for (int i = n - 2; i >= 0; i--) {
            c[i] = z * (c[i + 1] - c[i]);
        }
    }

    private static int clamp(int i, int n) {
        return i < 0 ? 0 : (i >= n ? n - 1 : i);
    }
}
