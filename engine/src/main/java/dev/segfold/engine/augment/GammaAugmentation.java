package dev.segfold.engine.augment;

import dev.segfold.engine.image.Volume;
import dev.segfold.engine.image.VoxelStatistics;
import java.util.SplittableRandom;

/**
 * batchgenerators' {@code GammaTransform} (per channel, retaining statistics): with probability
 * {@code p}, each channel (negated first when {@code invert}) is rescaled to [0, 1], raised to a
 * gamma drawn by {@link RandomDraws#belowOrAboveOne}, mapped back to its range, and shifted and
 * scaled to its original mean and standard deviation.
 *
 * @param p the probability of augmenting a sample
 * @param gammaLow the lower end of the gamma range
 * @param gammaHigh the upper end of the gamma range
 * @param invert whether channels are negated before and after
 * @param retainStats whether mean and standard deviation are restored
 */
public record GammaAugmentation(double p, double gammaLow, double gammaHigh,
        boolean invert, boolean retainStats) implements Augmentation {
    private static final double EPSILON = 1e-7;

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
        VoxelStatistics before = VoxelStatistics.of(a);
        double range = before.max() - before.min();
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = Math.pow((a[i] - before.min()) / (range + EPSILON), gamma) * range + before.min();
        }
        if (retainStats) {
            VoxelStatistics after = VoxelStatistics.of(r);
            double scale = before.std() / (after.std() + 1e-8);
            for (int i = 0; i < r.length; i++) {
                r[i] = (r[i] - after.mean()) * scale + before.mean();
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
