package dev.segfold.engine.plan;

import java.util.Arrays;

/**
 * Plans one stage at a given spacing (ExperimentPlanner3D_v21 {@code get_properties_for_stage}):
 * start from a 512 mm isotropic patch clipped to the median case, derive the topology, shrink the
 * patch until the memory proxy fits, then size the batch. All vectors are in transposed axis order.
 */
final class StagePlanner {
    private final PlannerSettings settings;
    private final int numCases;
    private final int numModalities;
    /** Classes including background, as the planner's VRAM model counts them. */
    private final int numClassesWithBackground;

    StagePlanner(PlannerSettings settings, int numCases, int numModalities, int numClassesWithBackground) {
        this.settings = settings;
        this.numCases = numCases;
        this.numModalities = numModalities;
        this.numClassesWithBackground = numClassesWithBackground;
    }

    /**
     * @param currentSpacing the stage's spacing
     * @param originalSpacing the data set's target spacing
     * @param originalShape the median case shape at {@code originalSpacing} (not rounded)
     */
    StagePlan plan(double[] currentSpacing, double[] originalSpacing, double[] originalShape) {
        int dim = currentSpacing.length;
        int[] newMedian = medianAt(currentSpacing, originalSpacing, originalShape);

        double[] perMm = new double[dim];
        for (int i = 0; i < dim; i++) {
            perMm[i] = 1 / currentSpacing[i];
        }
        double mean = Arrays.stream(perMm).sum() / dim;
        for (int i = 0; i < dim; i++) {
            perMm[i] /= mean;
        }
        double min = Arrays.stream(perMm).min().orElseThrow();
        int[] patch = new int[dim];
        for (int i = 0; i < dim; i++) {
            patch[i] = (int) Math.min(NumpyMath.round(perMm[i] * (1 / min * 512)), newMedian[i]);
        }

        PoolAndConvProps props = topology(currentSpacing, patch);
        int[] shape = props.patchSize();
        double ref = VramModel.reference(settings.baseNumFeatures());
        long here = vram(props);
        while (here > ref) {
            int axis = axisToShrink(shape, newMedian);
            int[] tmp = shape.clone();
            tmp[axis] -= props.mustBeDivisibleBy()[axis];
            PoolAndConvProps smaller = topology(currentSpacing, tmp);
            shape[axis] -= smaller.mustBeDivisibleBy()[axis];
            if (shape[axis] < 1) {
                throw new IllegalStateException("cannot fit a patch under the memory reference at spacing "
                        + Arrays.toString(currentSpacing));
            }
            props = topology(currentSpacing, shape);
            shape = props.patchSize();
            here = vram(props);
        }
        return finish(props, newMedian, currentSpacing, originalSpacing, here);
    }

    /**
     * A stage with a patch chosen by the caller instead of the memory loop; the topology is derived
     * for it and the batch sized by the same rule.
     *
     * @throws IllegalArgumentException when the patch does not divide by 2^pools on every axis
     */
    StagePlan planWithPatch(double[] currentSpacing, double[] originalSpacing, double[] originalShape, int[] patch) {
        int[] newMedian = medianAt(currentSpacing, originalSpacing, originalShape);
        PoolAndConvProps props = topology(currentSpacing, patch);
        if (!Arrays.equals(props.patchSize(), patch)) {
            throw new IllegalArgumentException("patch_size override " + Arrays.toString(patch)
                    + " does not divide by " + Arrays.toString(props.mustBeDivisibleBy()) + " (2^pools per axis); use "
                    + Arrays.toString(props.patchSize()) + " or cap the pools");
        }
        return finish(props, newMedian, currentSpacing, originalSpacing, vram(props));
    }

    private StagePlan finish(PoolAndConvProps props, int[] newMedian, double[] currentSpacing,
            double[] originalSpacing, long here) {
        int[] patch = props.patchSize();
        double ref = VramModel.reference(settings.baseNumFeatures());
        int batch = (int) Math.floor(Math.max(ref / here, 1) * settings.defaultBatchSize());
        long datasetVoxels = NumpyMath.prod(newMedian) * numCases;
        long maxBatch = NumpyMath.round(settings.batchCoversMaxFractionOfDataset() * datasetVoxels
                / (double) NumpyMath.prod(patch));
        maxBatch = Math.max(maxBatch, settings.minBatchSize());
        batch = (int) Math.max(1, Math.min(batch, maxBatch));
        int maxEdge = Arrays.stream(patch).max().orElseThrow();
        boolean dummy2D = (double) maxEdge / patch[0] > settings.anisotropyThreshold();
        return new StagePlan(batch, props.numPoolPerAxis(), patch, newMedian, currentSpacing, originalSpacing,
                dummy2D, props.poolOpKernelSizes(), props.convKernelSizes());
    }

    static int[] medianAt(double[] currentSpacing, double[] originalSpacing, double[] originalShape) {
        int[] m = new int[currentSpacing.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = (int) NumpyMath.round(originalSpacing[i] / currentSpacing[i] * originalShape[i]);
        }
        return m;
    }

    /**
     * The axis whose patch is largest relative to the median case. numpy's argsort of three values
     * is an insertion sort, hence stable, so among ties nnU-Net takes the last axis.
     */
    static int axisToShrink(int[] shape, int[] median) {
        int best = 0;
        double bestRatio = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < shape.length; i++) {
            double r = (double) shape[i] / median[i];
            if (r >= bestRatio) {
                bestRatio = r;
                best = i;
            }
        }
        return best;
    }

    private PoolAndConvProps topology(double[] spacing, int[] patch) {
        return PoolAndConvProps.compute(spacing, patch, settings.featureMapMinEdgeLength(), settings.maxNumPool());
    }

    private long vram(PoolAndConvProps props) {
        return VramModel.estimate(props.patchSize(), settings.baseNumFeatures(), settings.maxNumFilters(),
                numModalities, numClassesWithBackground, props.poolOpKernelSizes(), settings.convPerStage());
    }
}
