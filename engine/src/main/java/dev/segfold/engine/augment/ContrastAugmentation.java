package dev.segfold.engine.augment;

import dev.segfold.engine.image.Volume;
import dev.segfold.engine.image.VoxelStatistics;
import java.util.SplittableRandom;

/**
 * batchgenerators' {@code ContrastAugmentationTransform} with {@code preserve_range}: with
 * probability {@code p}, each channel is stretched about its mean by a factor drawn by
 * {@link RandomDraws#belowOrAboveOne} and then clipped to the channel's original [min, max].
 *
 * @param p the probability of augmenting a sample
 * @param low the lower end of the factor range
 * @param high the upper end of the factor range
 */
public record ContrastAugmentation(double p, double low, double high) implements Augmentation {
    @Override
    public void apply(Sample sample, SplittableRandom rng) {
        if (rng.nextDouble() >= p) {
            return;
        }
        for (Volume v : sample.data()) {
            double factor = RandomDraws.belowOrAboveOne(rng, low, high);
            float[] a = v.data();
            VoxelStatistics st = VoxelStatistics.of(a);
            for (int i = 0; i < a.length; i++) {
                double x = (a[i] - st.mean()) * factor + st.mean();
                a[i] = (float) Math.min(st.max(), Math.max(st.min(), x));
            }
        }
    }
}
