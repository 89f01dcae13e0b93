package dev.segfold.engine.augment;

import dev.segfold.engine.image.Volume;
import java.util.SplittableRandom;

/**
 * batchgenerators' {@code GammaTransform} (per channel, retaining statistics): with probability
 * {@code p}, each channel (negated first when {@code invert}) is rescaled to [0, 1], raised to a
 * gamma drawn by {@link RandomDraws#belowOrAboveOne}, mapped back to its range, and shifted and
 * scaled to its original mean and standard deviation.
 */
public final class GammaAugmentation implements Augmentation {
    private static final double EPSILON = 1e-7;

    private final double p;
    private final double gammaLow;
    private final double gammaHigh;
    private final boolean invert;
    private final boolean retainStats;

    public GammaAugmentation(double p, double gammaLow, double gammaHigh, boolean invert, boolean retainStats) {
        this.p = p;
        this.gammaLow = gammaLow;
        this.gammaHigh = gammaHigh;
        this.invert = invert;
        this.retainStats = retainStats;
    }

    @Override
    public void apply(Sample sample, SplittableRandom rng) {
        if (rng.nextDouble() >= p) {
            return;
        }
        for (Volume v : sample.data()) {
            gamma(v.data(), RandomDraws.belowOrAboveOne(rng, gammaLow, gammaHigh));
        }
    }

    private void gamma(float[] a, double gamma) {
        double sign = invert ? -1 : 1;
        if (invert) {
            negate(a);
        }
        ChannelStats before = ChannelStats.of(a);
        double range = before.max() - before.min();
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = Math.pow((a[i] - before.min()) / (range + EPSILON), gamma) * range + before.min();
        }
        if (retainStats) {
            double mean = 0;
            for (double x : r) {
                mean += x;
            }
            mean /= r.length;
            double sq = 0;
            for (double x : r) {
                sq += (x - mean) * (x - mean);
            }
            double scale = before.std() / (Math.sqrt(sq / r.length) + 1e-8);
            for (int i = 0; i < r.length; i++) {
                r[i] = (r[i] - mean) * scale + before.mean();
            }
        }
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (sign * r[i]);
        }
    }

    private static void negate(float[] a) {
        for (int i = 0; i < a.length; i++) {
            a[i] = -a[i];
        }
    }
}
