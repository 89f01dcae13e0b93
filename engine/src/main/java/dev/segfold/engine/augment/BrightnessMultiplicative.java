package dev.segfold.engine.augment;

import dev.segfold.engine.image.Volume;
import java.util.SplittableRandom;

/**
 * batchgenerators' {@code BrightnessMultiplicativeTransform}: with probability {@code p} each
 * channel is multiplied by its own factor from U(low, high).
 *
 * @param p the probability of augmenting a sample
 * @param low the smallest factor
 * @param high the largest factor (exclusive)
 */
public record BrightnessMultiplicative(double p, double low, double high) implements Augmentation {
    @Override
    public void apply(Sample sample, SplittableRandom rng) {
        if (rng.nextDouble() >= p) {
            return;
        }
        for (Volume v : sample.data()) {
            float f = (float) RandomDraws.uniform(rng, low, high);
            float[] a = v.data();
            for (int i = 0; i < a.length; i++) {
                a[i] *= f;
            }
        }
    }
}
