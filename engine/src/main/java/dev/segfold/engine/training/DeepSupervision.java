package dev.segfold.engine.training;

import dev.segfold.engine.network.Kernel3;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * nnU-Net's deep-supervision bookkeeping: the loss weight of each network output and the
 * nearest-neighbour downsampled targets they are compared with. Output i has resolution
 * {@code 1 / prod(pools[0..i-1])}; weights are {@code 2^-i}, the lowest resolution gets 0, and
 * the rest are normalised to sum 1 (P = 3: 2/3, 1/3, 0).
 */
public final class DeepSupervision {
    private DeepSupervision() {}

    /** Loss weights of the P outputs, full resolution first. */
    public static double[] weights(int outputs) {
        if (outputs < 1) {
            throw new IllegalArgumentException("outputs must be >= 1, got " + outputs);
        }
        double[] w = new double[outputs];
        double sum = 0;
        for (int i = 0; i < outputs; i++) {
            w[i] = (i < outputs - 1 || outputs == 1) ? Math.pow(2, -i) : 0;
            sum += w[i];
        }
        for (int i = 0; i < outputs; i++) {
            w[i] /= sum;
        }
        return w;
    }

    /** Number of leading outputs with a non-zero weight (the others need not be computed). */
    public static int weightedOutputs(double[] weights) {
        int n = weights.length;
        while (n > 1 && weights[n - 1] == 0) {
            n--;
        }
        return n;
    }

    /**
     * Target shapes of the outputs: {@code round(patch * scale)} with scales 1, then
     * 1/cumprod(pools), P entries in all (as nnU-Net's downsample_seg_for_ds_transform2).
     */
    public static List<int[]> targetShapes(int[] patch, List<Kernel3> pools, int outputs) {
        List<int[]> shapes = new ArrayList<>();
        double[] scale = {1, 1, 1};
        for (int i = 0; i < outputs; i++) {
            if (i > 0) {
                Kernel3 p = pools.get(i - 1);
                scale[0] /= p.z();
                scale[1] /= p.y();
                scale[2] /= p.x();
            }
            shapes.add(new int[] {
                (int) Math.round(patch[0] * scale[0]),
                (int) Math.round(patch[1] * scale[1]),
                (int) Math.round(patch[2] * scale[2])
            });
        }
        return shapes;
    }

    /**
     * Nearest-neighbour resize of a batch of label maps, picking the source voxel
     * {@code floor((o + 0.5) * in / out)} on each axis: the voxel skimage's {@code resize(order=0)}
     * picks, which nnU-Net uses for its deep-supervision targets.
     *
     * @param labels row-major [batch, z, y, x]
     */
    public static float[] downsampleNearest(float[] labels, int batch, int[] shape, int[] newShape) {
        if (Arrays.equals(shape, newShape)) {
            return labels;
        }
        int[] iz = sourceIndex(shape[0], newShape[0]);
        int[] iy = sourceIndex(shape[1], newShape[1]);
        int[] ix = sourceIndex(shape[2], newShape[2]);
        int inVol = shape[0] * shape[1] * shape[2];
        int outVol = newShape[0] * newShape[1] * newShape[2];
        float[] out = new float[batch * outVol];
        int o = 0;
        for (int b = 0; b < batch; b++) {
            for (int z = 0; z < newShape[0]; z++) {
                for (int y = 0; y < newShape[1]; y++) {
                    int row = b * inVol + (iz[z] * shape[1] + iy[y]) * shape[2];
                    for (int x = 0; x < newShape[2]; x++) {
                        out[o++] = labels[row + ix[x]];
                    }
                }
            }
        }
        return out;
    }

    private static int[] sourceIndex(int in, int out) {
        int[] idx = new int[out];
        double step = (double) in / out;
        for (int o = 0; o < out; o++) {
            idx[o] = Math.min(in - 1, (int) Math.floor((o + 0.5) * step));
        }
        return idx;
    }

    /**
     * One-hot encoding, channel first: [batch, z, y, x] labels to [batch, classes, z, y, x].
     *
     * @throws IllegalArgumentException naming the first label outside 0..classes-1
     */
    public static float[] oneHot(float[] labels, int batch, int voxels, int classes) {
        float[] out = new float[batch * classes * voxels];
        for (int b = 0; b < batch; b++) {
            for (int v = 0; v < voxels; v++) {
                float label = labels[b * voxels + v];
                int c = (int) label;
                if (c != label || c < 0 || c >= classes) {
                    throw new IllegalArgumentException("target label " + label + " at batch " + b + " voxel " + v
                            + " is not one of 0.." + (classes - 1));
                }
                out[(b * classes + c) * voxels + v] = 1f;
            }
        }
        return out;
    }
}
