package dev.segfold.engine.augment;

import dev.segfold.engine.image.Volume;
import java.util.SplittableRandom;

/**
 * batchgenerators' {@code GaussianBlurTransform} as nnU-Net configures it: with probability
 * {@code p} per sample, each channel with probability {@code pPerChannel} is blurred with an
 * isotropic Gaussian of sigma U(sigmaLow, sigmaHigh), drawn per channel.
 */
public final class GaussianBlur implements Augmentation {
    private final double p;
    private final double pPerChannel;
    private final double sigmaLow;
    private final double sigmaHigh;

    public GaussianBlur(double p, double pPerChannel, double sigmaLow, double sigmaHigh) {
        this.p = p;
        this.pPerChannel = pPerChannel;
        this.sigmaLow = sigmaLow;
        this.sigmaHigh = sigmaHigh;
    }

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
