package dev.segfold.engine.preprocess;

import java.util.Arrays;

/**
 * What one stage of the plans tells the preprocessing of a case.
 *
 * @param transposeForward the plans' {@code transpose_forward}
 * @param targetSpacing the stage's {@code current_spacing}, in transposed axis order as in the plans
 * @param normalization per channel normalisation
 * @param foregroundClasses the data set's foreground labels (1..K), for which class locations are
 *     sampled
 * @param seed seed for the class-location sampling (nnU-Net: 1234)
 */
public record PreprocessingParameters(
        int[] transposeForward,
        double[] targetSpacing,
        NormalizationParameters normalization,
        int[] foregroundClasses,
        long seed) {
    /** nnU-Net's seed for class locations. */
    public static final long DEFAULT_SEED = 1234;

    public PreprocessingParameters {
        AxisOrder.check(transposeForward);
        if (targetSpacing == null || targetSpacing.length != 3) {
            throw new IllegalArgumentException("targetSpacing must have 3 entries, got " + Arrays.toString(targetSpacing));
        }
        for (double s : targetSpacing) {
            if (!(s > 0) || Double.isInfinite(s)) {
                throw new IllegalArgumentException("targetSpacing must be positive, got " + Arrays.toString(targetSpacing));
            }
        }
        if (normalization == null) {
            throw new IllegalArgumentException("normalization parameters are required");
        }
        transposeForward = transposeForward.clone();
        targetSpacing = targetSpacing.clone();
        foregroundClasses = foregroundClasses == null ? new int[0] : foregroundClasses.clone();
    }

    /** The parameters with nnU-Net's default seed. */
    public PreprocessingParameters(int[] transposeForward, double[] targetSpacing, NormalizationParameters normalization,
            int[] foregroundClasses) {
        this(transposeForward, targetSpacing, normalization, foregroundClasses, DEFAULT_SEED);
    }

    @Override
    public int[] transposeForward() {
        return transposeForward.clone();
    }

    @Override
    public double[] targetSpacing() {
        return targetSpacing.clone();
    }

    @Override
    public int[] foregroundClasses() {
        return foregroundClasses.clone();
    }

    /** {@code transpose_backward}. */
    public int[] transposeBackward() {
        return AxisOrder.inverse(transposeForward);
    }
}
