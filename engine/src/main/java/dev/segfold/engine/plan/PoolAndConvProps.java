package dev.segfold.engine.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The U-Net topology for a patch at a spacing, as nnU-Net v1's {@code get_pool_and_conv_props}
 * decides it, with the patch padded so every pooled axis divides by {@code 2^pools}.
 *
 * @param numPoolPerAxis how often each axis is pooled
 * @param poolOpKernelSizes per pooling step, 2 on pooled axes and 1 elsewhere
 * @param convKernelSizes per resolution, 3 or 1 per axis; one entry more than pooling steps (the bottleneck)
 * @param patchSize the patch padded to divisibility
 * @param mustBeDivisibleBy {@code 2^numPoolPerAxis}
 */
record PoolAndConvProps(
        int[] numPoolPerAxis, int[][] poolOpKernelSizes, int[][] convKernelSizes, int[] patchSize,
        int[] mustBeDivisibleBy) {

    /**
     * Pools, step by step, every axis whose current spacing is below twice the smallest current
     * spacing, whose current size is at least {@code 2 * minFeatureMapSize} and which has been
     * pooled fewer than {@code maxNumPool} times. The conv kernel of a step is 3 on the first
     * largest group of axes whose spacings are mutually within a factor 2, 1 elsewhere.
     */
    static PoolAndConvProps compute(double[] spacing, int[] patchSize, int minFeatureMapSize, int maxNumPool) {
        int dim = spacing.length;
        double[] currentSpacing = spacing.clone();
        double[] currentSize = new double[dim];
        for (int i = 0; i < dim; i++) {
            currentSize[i] = patchSize[i];
        }
        List<int[]> pools = new ArrayList<>();
        List<int[]> convs = new ArrayList<>();
        int[] numPool = new int[dim];
        while (true) {
            double minSpacing = Arrays.stream(currentSpacing).min().orElseThrow();
            List<Integer> partnersOfBest = List.of();
            for (int a = 0; a < dim; a++) {
                List<Integer> partners = new ArrayList<>();
                for (int i = 0; i < dim; i++) {
                    if (currentSpacing[i] / currentSpacing[a] < 2 && currentSpacing[a] / currentSpacing[i] < 2) {
                        partners.add(i);
                    }
                }
                if (partners.size() > partnersOfBest.size()) {
                    partnersOfBest = partners;
                }
            }
            int[] conv = new int[dim];
            for (int i = 0; i < dim; i++) {
                conv[i] = partnersOfBest.contains(i) ? 3 : 1;
            }
            boolean[] valid = new boolean[dim];
            boolean any = false;
            for (int i = 0; i < dim; i++) {
                valid[i] = currentSpacing[i] / minSpacing < 2
                        && currentSize[i] >= 2 * minFeatureMapSize
                        && numPool[i] < maxNumPool;
                any |= valid[i];
            }
            if (!any) {
                break;
            }
            int[] pool = new int[dim];
            for (int i = 0; i < dim; i++) {
                if (valid[i]) {
                    pool[i] = 2;
                    numPool[i]++;
                    currentSpacing[i] *= 2;
                    currentSize[i] = Math.ceil(currentSize[i] / 2);
                } else {
                    pool[i] = 1;
                }
            }
            pools.add(pool);
            convs.add(conv);
        }
        int[] divisibleBy = new int[dim];
        for (int i = 0; i < dim; i++) {
            divisibleBy[i] = 1 << numPool[i];
        }
        int[] bottleneck = new int[dim];
        Arrays.fill(bottleneck, 3);
        convs.add(bottleneck);
        return new PoolAndConvProps(numPool, pools.toArray(int[][]::new), convs.toArray(int[][]::new),
                padShape(patchSize, divisibleBy), divisibleBy);
    }

    /** Rounds each axis up to a multiple of its divisor; axes that already divide stay. */
    static int[] padShape(int[] shape, int[] divisibleBy) {
        int[] out = new int[shape.length];
        for (int i = 0; i < shape.length; i++) {
            int r = shape[i] % divisibleBy[i];
            out[i] = r == 0 ? shape[i] : shape[i] + divisibleBy[i] - r;
        }
        return out;
    }
}
