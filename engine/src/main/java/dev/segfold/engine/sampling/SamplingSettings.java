package dev.segfold.engine.sampling;

import java.util.Arrays;

/**
 * How batches are cut from the cases.
 *
 * @param patchSize the network's patch (z, y, x), the shape of every sample in a batch
 * @param loaderPatchSize the patch the loader cuts before spatial augmentation (the enlarged
 *     patch in training, the patch itself in validation)
 * @param batchSize samples per batch
 * @param oversampleForeground nnU-Net's {@code oversample_foreground_percent}
 */
public record SamplingSettings(int[] patchSize, int[] loaderPatchSize, int batchSize, double oversampleForeground) {
    public SamplingSettings {
        if (patchSize == null || patchSize.length != 3 || loaderPatchSize == null || loaderPatchSize.length != 3) {
            throw new IllegalArgumentException("patchSize and loaderPatchSize need 3 entries (z, y, x)");
        }
        for (int a = 0; a < 3; a++) {
            if (patchSize[a] < 1 || loaderPatchSize[a] < patchSize[a]) {
                throw new IllegalArgumentException("loaderPatchSize " + Arrays.toString(loaderPatchSize)
                        + " must be at least patchSize " + Arrays.toString(patchSize) + ", both positive");
            }
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive, got " + batchSize);
        }
        patchSize = patchSize.clone();
        loaderPatchSize = loaderPatchSize.clone();
    }

    /** nnUNetTrainerV2's training loader: enlarged patch, 33% foreground oversampling. */
    public static SamplingSettings training(int[] patchSize, int batchSize, boolean dummy2D) {
        return new SamplingSettings(patchSize, EnlargedPatch.nnUNet(patchSize, dummy2D), batchSize,
                ForegroundOversampling.NNUNET_PERCENT);
    }

    /** nnUNetTrainerV2's validation loader: the patch itself, same oversampling. */
    public static SamplingSettings validation(int[] patchSize, int batchSize) {
        return new SamplingSettings(patchSize, patchSize, batchSize, ForegroundOversampling.NNUNET_PERCENT);
    }

    @Override
    public int[] patchSize() {
        return patchSize.clone();
    }

    @Override
    public int[] loaderPatchSize() {
        return loaderPatchSize.clone();
    }
}
