package dev.segfold.engine.augment;

import java.util.Arrays;

/**
 * What the nnU-Net augmentation pipeline needs to know about a training configuration.
 *
 * @param patchSize the network's patch (z, y, x)
 * @param dummy2D the plans' {@code do_dummy_2D_data_aug}: augment spatially in-plane only
 * @param maskUsedForNormalization per data channel, whether normalisation used the nonzero mask
 * @param cascadeLabels for a cascade full-resolution stage, the foreground labels 1..K of the
 *     previous stage to one-hot into the data; empty otherwise
 */
public record AugmentationSettings(int[] patchSize, boolean dummy2D, boolean[] maskUsedForNormalization,
        int[] cascadeLabels) {
    public AugmentationSettings {
        if (patchSize == null || patchSize.length != 3) {
            throw new IllegalArgumentException("patchSize needs 3 entries (z, y, x), got " + Arrays.toString(patchSize));
        }
        patchSize = patchSize.clone();
        maskUsedForNormalization = maskUsedForNormalization.clone();
        cascadeLabels = cascadeLabels == null ? new int[0] : cascadeLabels.clone();
    }

    /** Settings for a plain (non-cascade) stage. */
    public static AugmentationSettings of(int[] patchSize, boolean dummy2D, boolean[] maskUsedForNormalization) {
        return new AugmentationSettings(patchSize, dummy2D, maskUsedForNormalization, new int[0]);
    }

    /** Whether the previous stage's map rides along and gets one-hot encoded. */
    public boolean cascade() {
        return cascadeLabels.length > 0;
    }

    @Override
    public int[] patchSize() {
        return patchSize.clone();
    }

    @Override
    public boolean[] maskUsedForNormalization() {
        return maskUsedForNormalization.clone();
    }

    @Override
    public int[] cascadeLabels() {
        return cascadeLabels.clone();
    }
}
