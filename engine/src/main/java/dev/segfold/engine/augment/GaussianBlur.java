package dev.segfold.engine.augment;

import dev.segfold.engine.image.Volume;
import java.util.SplittableRandom;

/**
 * batchgenerators' {@code GaussianBlurTransform} as nnU-Net configures it: with probability
 * {@code p} per sample, each channel with probability {@code pPerChannel} is blurred with an
 * isotropic Gaussian of sigma U(sigmaLow, sigmaHigh), drawn per channel.
 *
 * @param p the probability of augmenting a sample
 * @param pPerChannel the probability of blurring each channel
 * @param sigmaLow the smallest sigma
 * @param sigmaHigh the largest sigma (exclusive)
 */
public record GaussianBlur(double p, double pPerChannel, double sigmaLow, double sigmaHigh)
        implements Augmentation {
    @Override
    public void apply(Sample sample, SplittableRandom rng) {
        if (rng.nextDouble() >= p) {
            return;
        }
        for (Volume v : sample.data()) {
            if (rng.nextDouble() < pPerChannel) {
                GaussianFilter.apply(v, RandomDraws.uniform(rng, sigmaLow, sigmaHigh));
            }
        }
    }
}
