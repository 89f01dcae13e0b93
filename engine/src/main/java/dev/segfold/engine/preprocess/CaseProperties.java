package dev.segfold.engine.preprocess;

import java.util.Map;

/**
 * What preprocessing remembers about one case so that a prediction can be put back into the
 * original image (nnU-Net's per-case pkl).
 *
 * <p>Two axis orders, as in nnU-Net: the fields about the raw image and its crop
 * ({@code originalShape}, {@code originalSpacing}, {@code cropBox}, {@code shapeAfterCrop}) are
 * (z, y, x) in the original array order, before any transpose; the fields about the preprocessed
 * arrays ({@code spacingAfterResampling}, {@code shapeAfterResampling}, {@code classLocations})
 * are in the preprocessed order, after the plans' {@code transpose_forward}. Export maps them back
 * with {@code transpose_backward}.
 *
 * @param originalShape shape of the raw image (original order)
 * @param originalSpacing spacing of the raw image in mm (original order)
 * @param cropBox per axis [start, end) of the nonzero bounding box in the raw image (original order)
 * @param shapeAfterCrop shape after cropping, before transpose and resampling (original order)
 * @param spacingAfterResampling the stage's target spacing (preprocessed, transposed order)
 * @param shapeAfterResampling shape of the preprocessed arrays (preprocessed, transposed order)
 * @param classLocations per foreground label, sampled voxel coordinates in the preprocessed array
 *     (preprocessed, transposed order), used for foreground oversampling
 */
public record CaseProperties(
        int[] originalShape,
        double[] originalSpacing,
        int[][] cropBox,
        int[] shapeAfterCrop,
        double[] spacingAfterResampling,
        int[] shapeAfterResampling,
        Map<Integer, int[][]> classLocations) {}
