package dev.segfold.engine.augment;

import java.util.SplittableRandom;

/**
 * batchgenerators' {@code MaskTransform} as nnU-Net uses it: for channels whose normalisation used
 * the nonzero mask, intensities become 0 wherever segmentation channel 0 is negative (outside the
 * mask or in padding), so augmentation does not leak intensity into the masked-out region.
 */
public final class MaskOutsideNonzero implements Augmentation {
    private final boolean[] maskUsedForNormalization;

    /** @param maskUsedForNormalization per data channel, whether its normalisation used the mask */
    public MaskOutsideNonzero(boolean[] maskUsedForNormalization) {
        this.maskUsedForNormalization = maskUsedForNormalization.clone();
    }

    @Override
    public void apply(Sample sample, SplittableRandom rng) {
        float[] seg = sample.seg()[0].data();
        for (int c = 0; c < sample.data().length && c < maskUsedForNormalization.length; c++) {
            if (!maskUsedForNormalization[c]) {
                continue;
            }
            float[] a = sample.data()[c].data();
            for (int i = 0; i < a.length; i++) {
                if (seg[i] < 0) {
                    a[i] = 0;
                }
            }
        }
    }
}
