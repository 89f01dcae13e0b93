package dev.segfold.engine.plan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.Objects;

/**
 * One resolution stage of the plans: what the network of that stage sees and how it is built.
 * Axes are in the transposed order ({@code transpose_forward} applied), as everything after
 * preprocessing is.
 *
 * @param batchSize patches per training batch
 * @param numPoolPerAxis pooling steps per axis
 * @param patchSize training patch, (z, y, x) transposed
 * @param medianPatientSizeInVoxels median case shape at {@code currentSpacing}
 * @param currentSpacing the spacing this stage resamples to
 * @param originalSpacing the data set's target spacing (full-resolution stage spacing)
 * @param doDummy2DDataAug whether spatial augmentation runs in 2D slices (very flat patches)
 * @param poolOpKernelSizes per pooling step, the stride per axis (2 or 1)
 * @param convKernelSizes per resolution including the bottleneck, the kernel per axis (3 or 1)
 */
public record StagePlan(
        @JsonProperty("batch_size") int batchSize,
        @JsonProperty("num_pool_per_axis") int[] numPoolPerAxis,
        @JsonProperty("patch_size") int[] patchSize,
        @JsonProperty("median_patient_size_in_voxels") int[] medianPatientSizeInVoxels,
        @JsonProperty("current_spacing") double[] currentSpacing,
        @JsonProperty("original_spacing") double[] originalSpacing,
        @JsonProperty("do_dummy_2D_data_aug") boolean doDummy2DDataAug,
        @JsonProperty("pool_op_kernel_sizes") int[][] poolOpKernelSizes,
        @JsonProperty("conv_kernel_sizes") int[][] convKernelSizes) {

    public StagePlan {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch_size must be >= 1, got " + batchSize);
        }
        numPoolPerAxis = numPoolPerAxis.clone();
        patchSize = patchSize.clone();
        medianPatientSizeInVoxels = medianPatientSizeInVoxels.clone();
        currentSpacing = currentSpacing.clone();
        originalSpacing = originalSpacing.clone();
        poolOpKernelSizes = deepCopy(poolOpKernelSizes);
        convKernelSizes = deepCopy(convKernelSizes);
        if (convKernelSizes.length != poolOpKernelSizes.length + 1) {
            throw new IllegalArgumentException("conv_kernel_sizes needs one entry more than pool_op_kernel_sizes ("
                    + poolOpKernelSizes.length + "), got " + convKernelSizes.length);
        }
    }

    /** Number of pooling steps, i.e. the network has this many resolutions below the input. */
    @JsonIgnore
    public int numPools() {
        return poolOpKernelSizes.length;
    }

    StagePlan withBatchSize(int batch) {
        return new StagePlan(batch, numPoolPerAxis, patchSize, medianPatientSizeInVoxels, currentSpacing,
                originalSpacing, doDummy2DDataAug, poolOpKernelSizes, convKernelSizes);
    }

    private static int[][] deepCopy(int[][] a) {
        int[][] c = new int[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StagePlan s && batchSize == s.batchSize && doDummy2DDataAug == s.doDummy2DDataAug
                && Arrays.equals(numPoolPerAxis, s.numPoolPerAxis) && Arrays.equals(patchSize, s.patchSize)
                && Arrays.equals(medianPatientSizeInVoxels, s.medianPatientSizeInVoxels)
                && Arrays.equals(currentSpacing, s.currentSpacing) && Arrays.equals(originalSpacing, s.originalSpacing)
                && Arrays.deepEquals(poolOpKernelSizes, s.poolOpKernelSizes)
                && Arrays.deepEquals(convKernelSizes, s.convKernelSizes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(batchSize, doDummy2DDataAug, Arrays.hashCode(numPoolPerAxis), Arrays.hashCode(patchSize),
                Arrays.hashCode(medianPatientSizeInVoxels), Arrays.hashCode(currentSpacing),
                Arrays.hashCode(originalSpacing), Arrays.deepHashCode(poolOpKernelSizes),
                Arrays.deepHashCode(convKernelSizes));
    }

    @Override
    public String toString() {
        return "StagePlan[batch " + batchSize + ", patch " + Arrays.toString(patchSize) + ", median "
                + Arrays.toString(medianPatientSizeInVoxels) + ", spacing " + Arrays.toString(currentSpacing)
                + ", pools " + Arrays.deepToString(poolOpKernelSizes) + ", convs " + Arrays.deepToString(convKernelSizes)
                + ", dummy2D " + doDummy2DDataAug + "]";
    }
}
