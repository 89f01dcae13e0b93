package dev.segfold.engine.plan;

/**
 * nnU-Net's proxy for a 3D U-Net's training memory ({@code Generic_UNet.compute_approx_vram_consumption}):
 * not bytes, a number proportional to the feature-map voxels stored for backpropagation, which the
 * planner keeps below a reference measured on a GPU with 128^3 patches.
 */
final class VramModel {
    /** {@code Generic_UNet.use_this_for_batch_size_computation_3D}. */
    static final double REFERENCE_3D = 520_000_000d;
    /** The base feature count that reference was measured with ({@code BASE_NUM_FEATURES_3D}). */
    static final int REFERENCE_BASE_FEATURES = 30;

    private VramModel() {
    }

    /** The reference scaled to {@code baseFeatures}, as ExperimentPlanner3D_v21 does. */
    static double reference(int baseFeatures) {
        return REFERENCE_3D * baseFeatures / REFERENCE_BASE_FEATURES;
    }

    /**
     * {@code (2cps+1)·P·base + P·(modalities+classes) + Σ blocks_s·P_s·min(base·2^s, maxFeatures)},
     * where {@code P_s} divides each axis by the pool kernels with integer truncation (as numpy's
     * in-place division of an int array does) and the deepest stage counts {@code cps} blocks.
     */
    static long estimate(int[] patchSize, int baseFeatures, int maxFeatures, int numModalities, int numClasses,
            int[][] poolOpKernelSizes, int convPerStage) {
        long[] mapSize = new long[patchSize.length];
        for (int i = 0; i < patchSize.length; i++) {
            mapSize[i] = patchSize[i];
        }
        long voxels = prod(mapSize);
        long tmp = (convPerStage * 2L + 1) * voxels * baseFeatures + numModalities * voxels + numClasses * voxels;
        long numFeat = baseFeatures;
        int npool = poolOpKernelSizes.length;
        for (int p = 0; p < npool; p++) {
            for (int i = 0; i < mapSize.length; i++) {
                mapSize[i] /= poolOpKernelSizes[p][i];
            }
            numFeat = Math.min(numFeat * 2, maxFeatures);
            long blocks = p < npool - 1 ? convPerStage * 2L + 1 : convPerStage;
            tmp += blocks * prod(mapSize) * numFeat;
        }
        return tmp;
    }

    private static long prod(long[] v) {
        long p = 1;
        for (long x : v) {
            p *= x;
        }
        return p;
    }
}
