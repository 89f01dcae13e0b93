package dev.segfold.engine.augment;

import dev.segfold.engine.image.Volume;
import java.util.SplittableRandom;

/**
 * batchgenerators' {@code SimulateLowResolutionTransform} as nnU-Net uses it: with probability
 * {@code p} per sample, each channel with probability {@code pPerChannel} is downsampled by a zoom
 * from U(zoomLow, zoomHigh) (one zoom for all axes, shape rounded) with nearest neighbour and
 * resized back with cubic splines. In planar (dummy-2D) mode axis 0 is left at full resolution.
 *
 * @param p the probability of augmenting a sample
 * @param pPerChannel the probability of degrading each channel
 * @param zoomLow the smallest zoom
 * @param zoomHigh the largest zoom (exclusive)
 * @param planar whether axis 0 keeps its full resolution (dummy 2D)
 */
public record SimulateLowResolution(double p, double pPerChannel, double zoomLow,
        double zoomHigh, boolean planar) implements Augmentation {
    @Override
    public void apply(Sample sample, SplittableRandom rng) {
        if (rng.nextDouble() >= p) {
            return;
        }
        Volume[] data = sample.data();
        for (int c = 0; c < data.length; c++) {
            if (rng.nextDouble() >= pPerChannel) {
                continue;
            }
            double zoom = RandomDraws.uniform(rng, zoomLow, zoomHigh);
            int[] shape = data[c].shape();
            int[] low = new int[3];
            for (int a = 0; a < 3; a++) {
                low[a] = planar && a == 0 ? shape[a] : Math.max(1, (int) Math.rint(shape[a] * zoom));
            }
            data[c] = Resize.cubic(Resize.nearest(data[c], low), shape);
        }
    }
}
