package dev.segfold.engine.augment;

import dev.segfold.engine.image.Volume;
import java.util.SplittableRandom;

/**
 * batchgenerators' {@code ContrastAugmentationTransform} with {@code preserve_range}: with
 * probability {@code p}, each channel is stretched about its mean by a factor drawn by
 * {@link RandomDraws#belowOrAboveOne} and then clipped to the channel's original [min, max].
 */
public final class ContrastAugmentation implements Augmentation {
    private final double p;
    private final double low;
    private final double high;

    public ContrastAugmentation(double p, double low, double high) {
        this.p = p;
        this.low = low;
        this.high = high;
    }

    @Override
    public void apply(Sample sample, SplittableRandom rng) {
        if (rng.nextDouble() >= p) {
            return;
        }
        for (Volume v : sample.data()) {
            double factor = RandomDraws.belowOrAboveOne(rng, low, high);
            float[] a = v.data();
            ChannelStats st = ChannelStats.of(a);
            for (int i = 0; i < a.length; i++) {
                double x = (a[i] - st.mean()) * factor + st.mean();
                a[i] = (float) Math.min(st.max(), Math.max(st.min(), x));
            }
        }
    }
}
