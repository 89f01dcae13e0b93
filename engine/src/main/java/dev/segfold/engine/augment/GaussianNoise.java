package dev.segfold.engine.augment;

import dev.segfold.engine.image.Volume;
import java.util.SplittableRandom;

/**
 * batchgenerators' {@code GaussianNoiseTransform}: with probability {@code p} add zero-mean
 * Gaussian noise to every channel, one standard deviation for the sample drawn from
 * U(0, {@code maxStd}) (batchgenerators calls it "variance" but passes it to numpy as the std).
 *
 * @param p the probability of augmenting a sample
 * @param maxStd the largest noise standard deviation
 */
public record GaussianNoise(double p, double maxStd) implements Augmentation {
    @Override
    public void apply(Sample sample, SplittableRandom rng) {
        if (rng.nextDouble() >= p) {
            return;
        }
        double std = RandomDraws.uniform(rng, 0, maxStd);
        for (Volume v : sample.data()) {
            float[] a = v.data();
            for (int i = 0; i < a.length; i++) {
                a[i] += (float) (rng.nextGaussian() * std);
            }
        }
    }
}
