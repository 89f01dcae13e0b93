package dev.segfold.engine.augment;

import dev.segfold.engine.image.Volume;
import java.util.SplittableRandom;

/**
 * batchgenerators' {@code ApplyRandomBinaryOperatorTransform}, the cascade's corruption of the
 * previous stage's one-hot channels so the network learns not to trust them blindly: with
 * probability {@code p}, the last {@code channels} data channels are visited in random order and
 * each (with probability {@code pPerChannel}) is dilated, eroded, closed or opened (one of the four
 * at random) with a ball of radius U(radiusLow, radiusHigh); voxels it gained are cleared from the
 * other channels to keep the encoding one-hot.
 *
 * <p>The ball holds the integer offsets within the radius; skimage's {@code ball} of a fractional
 * radius samples a slightly different grid. Voxels outside the patch count as background, as in
 * scipy's {@code binary_*} defaults.
 *
 * @param channels how many of the last data channels are one-hot previous-stage labels
 * @param p the probability of augmenting a sample
 * @param pPerChannel the probability of changing each of those channels
 * @param radiusLow the smallest ball radius
 * @param radiusHigh the largest ball radius (exclusive)
 */
public record RandomBinaryOperator(int channels, double p, double pPerChannel,
        double radiusLow, double radiusHigh) implements Augmentation {
    /** The four morphological operations drawn from. */
    public enum Operation {
        DILATION, EROSION, CLOSING, OPENING
    }

    @Override
    public void apply(Sample sample, SplittableRandom rng) {
        if (rng.nextDouble() >= p) {
            return;
        }
        Volume[] data = sample.data();
        int first = data.length - channels;
        int[] order = new int[channels];
        for (int i = 0; i < channels; i++) {
            order[i] = first + i;
        }
        for (int i = channels - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        Operation[] ops = Operation.values();
        for (int c : order) {
            if (rng.nextDouble() >= pPerChannel) {
                continue;
            }
            Operation op = ops[rng.nextInt(ops.length)];
            double radius = RandomDraws.uniform(rng, radiusLow, radiusHigh);
            float[] before = data[c].data();
            boolean[] mask = new boolean[before.length];
            for (int v = 0; v < before.length; v++) {
                mask[v] = before[v] != 0;
            }
            boolean[] after = BallMorphology.apply(op, mask, data[c].shape(), radius);
            for (int v = 0; v < before.length; v++) {
                boolean added = after[v] && !mask[v];
                before[v] = after[v] ? 1 : 0;
                if (added) {
                    for (int o : order) {
                        if (o != c) {
                            data[o].data()[v] = 0;
                        }
                    }
                }
            }
        }
    }
}
