package dev.segfold.engine.plan;

import java.util.List;

/**
 * The spacing all cases are resampled to for the full-resolution stage (ExperimentPlanner3D_v21
 * {@code get_target_spacing}): the per-axis median spacing, except for strongly anisotropic data
 * with few slices along the coarse axis, where that axis gets the 10th percentile of its spacings
 * (finer, to limit interpolation artefacts) but never finer than the other axes.
 */
final class TargetSpacing {
    private TargetSpacing() {
    }

    /**
     * @param spacings original spacings per case, (z, y, x)
     * @param sizes sizes after cropping per case; their median decides "few slices" (nnU-Net v1
     *     uses these unresampled sizes here, a quirk fixed only in v2.4, kept for equal plans)
     */
    static double[] of(List<double[]> spacings, List<int[]> sizes, PlannerSettings settings) {
        double[][] sp = spacings.toArray(double[][]::new);
        double[][] sz = sizes.stream().map(s -> new double[] {s[0], s[1], s[2]}).toArray(double[][]::new);
        double[] target = NumpyMath.percentilePerAxis(sp, settings.targetSpacingPercentile());
        double[] targetSize = NumpyMath.percentilePerAxis(sz, settings.targetSpacingPercentile());

        int worst = NumpyMath.argmax(target);
        double maxOtherSpacing = Double.NEGATIVE_INFINITY;
        double minOtherSize = Double.POSITIVE_INFINITY;
        for (int i = 0; i < target.length; i++) {
            if (i != worst) {
                maxOtherSpacing = Math.max(maxOtherSpacing, target[i]);
                minOtherSize = Math.min(minOtherSize, targetSize[i]);
            }
        }
        double threshold = settings.anisotropyThreshold();
        boolean anisoSpacing = target[worst] > threshold * maxOtherSpacing;
        boolean anisoVoxels = targetSize[worst] * threshold < minOtherSize;
        if (anisoSpacing && anisoVoxels) {
            double[] axis = new double[sp.length];
            for (int i = 0; i < sp.length; i++) {
                axis[i] = sp[i][worst];
            }
            double t = NumpyMath.percentile(axis, 10);
            if (t < maxOtherSpacing) {
                t = Math.max(maxOtherSpacing, t) + 1e-5;
            }
            target[worst] = t;
        }
        return target;
    }
}
