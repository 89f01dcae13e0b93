package dev.segfold.engine.training;

/**
 * One augmented mini-batch, laid out as the network takes it.
 *
 * @param batchSize number of patches
 * @param channels input channels per patch
 * @param patchShape (z, y, x) of each patch
 * @param data row-major [batch, channels, z, y, x], normalised intensities
 * @param target row-major [batch, z, y, x], labels 0..K (no -1 left: augmentation maps it to 0)
 */
public record TrainingBatch(int batchSize, int channels, int[] patchShape, float[] data, float[] target) {}
