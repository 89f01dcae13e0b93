package dev.segfold.engine.preprocess;

import java.util.Map;

/**
 * What preprocessing remembers about one case so that a prediction can be put back into the
 * original image (nnU-Net's per-case pkl). All axis triples are (z, y, x) in the original array
 * order, before any transpose.
 *
 * @param originalShape shape of the raw image
 * @param originalSpacing spacing of the raw image in mm
 * @param cropBox per axis [start, end) of the nonzero bounding box in the raw image
 * @param shapeAfterCrop shape after cropping, before resampling
 * @param spacingAfterResampling the stage's target spacing
 * @param shapeAfterResampling shape of the preprocessed arrays
 * @param classLocations per foreground label, sampled voxel coordinates (z, y, x) in the
 *     preprocessed array, used for foreground oversampling
 */
public record CaseProperties(
        int[] originalShape,
        double[] originalSpacing,
        int[][] cropBox,
        int[] shapeAfterCrop,
        double[] spacingAfterResampling,
        int[] shapeAfterResampling,
        Map<Integer, int[][]> classLocations) {}
