package dev.segfold.engine.resample;

import java.util.Arrays;

/**
 * How one case is resampled: the new shape and, for anisotropic spacings, the low-resolution axis
 * that is resampled on its own with order 0 while the other two axes are resampled slice by slice
 * (nnU-Net's "separate z"). Built by {@link #forSpacing} during preprocessing and by
 * {@link #forShape} when a prediction goes back to the original grid.
 *
 * @param newShape target shape (z, y, x) in the array's own axis order
 * @param lowResAxis the axis resampled separately, or {@link #NONE}
 */
public record ResamplingPlan(int[] newShape, int lowResAxis) {
    /** No axis is resampled separately. */
    public static final int NONE = -1;

    /** nnU-Net's RESAMPLING_SEPARATE_Z_ANISO_THRESHOLD. */
    public static final double ANISOTROPY_THRESHOLD = 3.0;

    public ResamplingPlan {
        VolumeResizer.checkShape(newShape);
        newShape = newShape.clone();
        if (lowResAxis < NONE || lowResAxis > 2) {
            throw new IllegalArgumentException("lowResAxis must be -1, 0, 1 or 2, got " + lowResAxis);
        }
    }

    /**
     * The plan to go from {@code originalSpacing} to {@code targetSpacing}:
     * {@code newShape = round(originalSpacing/targetSpacing*shape)} (numpy rounds half to even),
     * and the separate-z rule decided on the original spacing first, then on the target spacing.
     */
    public static ResamplingPlan forSpacing(int[] shape, double[] originalSpacing, double[] targetSpacing) {
        checkSpacing("originalSpacing", originalSpacing);
        checkSpacing("targetSpacing", targetSpacing);
        int[] newShape = new int[3];
        for (int a = 0; a < 3; a++) {
            newShape[a] = (int) Math.rint(originalSpacing[a] / targetSpacing[a] * shape[a]);
        }
        return new ResamplingPlan(newShape, lowResAxis(originalSpacing, targetSpacing));
    }

    /**
     * The plan to reach {@code newShape}, with the separate-z rule decided on {@code firstSpacing},
     * then on {@code secondSpacing} (export: the original spacing, then the resampled spacing).
     */
    public static ResamplingPlan forShape(int[] newShape, double[] firstSpacing, double[] secondSpacing) {
        checkSpacing("firstSpacing", firstSpacing);
        checkSpacing("secondSpacing", secondSpacing);
        return new ResamplingPlan(newShape, lowResAxis(firstSpacing, secondSpacing));
    }

    /** A plan that resamples all axes together. */
    public static ResamplingPlan isotropic(int[] newShape) {
        return new ResamplingPlan(newShape, NONE);
    }

    /**
     * The separate-z rule: if {@code max/min > 3} for the first spacing, its coarsest axis; else
     * the same test on the second spacing; {@link #NONE} when neither is anisotropic or when two
     * axes tie for the coarsest spacing (e.g. 0.24, 1.25, 1.25).
     */
    public static int lowResAxis(double[] first, double[] second) {
        double[] decisive = isAnisotropic(first) ? first : (isAnisotropic(second) ? second : null);
        if (decisive == null) {
            return NONE;
        }
        double max = Math.max(decisive[0], Math.max(decisive[1], decisive[2]));
        int axis = NONE;
        int count = 0;
        for (int a = 0; a < 3; a++) {
            if (decisive[a] == max) {
                axis = a;
                count++;
            }
        }
        return count == 1 ? axis : NONE;
    }

    /** Whether this plan resamples the low-resolution axis separately. */
    public boolean separateZ() {
        return lowResAxis != NONE;
    }

    @Override
    public int[] newShape() {
        return newShape.clone();
    }

    private static boolean isAnisotropic(double[] spacing) {
        double max = Math.max(spacing[0], Math.max(spacing[1], spacing[2]));
        double min = Math.min(spacing[0], Math.min(spacing[1], spacing[2]));
        return max / min > ANISOTROPY_THRESHOLD;
    }

    private static void checkSpacing(String name, double[] spacing) {
        if (spacing == null || spacing.length != 3) {
            throw new IllegalArgumentException(name + " must have 3 entries (z, y, x), got "
                    + Arrays.toString(spacing));
        }
        for (double s : spacing) {
            if (!(s > 0) || Double.isInfinite(s)) {
                throw new IllegalArgumentException(name + " must be positive and finite, got " + Arrays.toString(spacing));
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResamplingPlan p && p.lowResAxis == lowResAxis && Arrays.equals(p.newShape, newShape);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(newShape) + lowResAxis;
    }

    @Override
    public String toString() {
        return "ResamplingPlan[newShape=" + Arrays.toString(newShape) + ", lowResAxis=" + lowResAxis + "]";
    }
}
