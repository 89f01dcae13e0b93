package dev.segfold.engine.preprocess;

import dev.segfold.engine.image.Volume;
import java.util.Arrays;

/**
 * The plans' {@code transpose_forward}/{@code transpose_backward}: numpy's {@code transpose(axes)}
 * for volumes and per-axis values, so that the coarsest axis comes first in preprocessed space.
 */
public final class AxisOrder {
    private AxisOrder() {}

    /** numpy {@code volume.transpose(axes)}: output axis i is input axis {@code axes[i]}. */
    public static Volume transpose(Volume volume, int[] axes) {
        check(axes);
        int[] in = volume.shape();
        if (axes[0] == 0 && axes[1] == 1 && axes[2] == 2) {
            return volume.copy();
        }
        int[] out = permute(in, axes);
        int[] inStride = {in[1] * in[2], in[2], 1};
        int[] s = {inStride[axes[0]], inStride[axes[1]], inStride[axes[2]]};
        float[] src = volume.data();
        float[] dst = new float[src.length];
        int k = 0;
        for (int a = 0; a < out[0]; a++) {
            for (int b = 0; b < out[1]; b++) {
                int base = a * s[0] + b * s[1];
                for (int c = 0; c < out[2]; c++) {
                    dst[k++] = src[base + c * s[2]];
                }
            }
        }
        return new Volume(out, dst);
    }

    /** {@code values} reordered: entry i is {@code values[axes[i]]}. */
    public static int[] permute(int[] values, int[] axes) {
        check(axes);
        return new int[] {values[axes[0]], values[axes[1]], values[axes[2]]};
    }

    /** {@code values} reordered: entry i is {@code values[axes[i]]}. */
    public static double[] permute(double[] values, int[] axes) {
        check(axes);
        return new double[] {values[axes[0]], values[axes[1]], values[axes[2]]};
    }

    /** The permutation that undoes {@code axes} (nnU-Net's {@code transpose_backward}). */
    public static int[] inverse(int[] axes) {
        check(axes);
        int[] inv = new int[3];
        for (int i = 0; i < 3; i++) {
            inv[axes[i]] = i;
        }
        return inv;
    }

    static void check(int[] axes) {
        if (axes == null || axes.length != 3) {
            throw new IllegalArgumentException("transpose axes must be a permutation of 0, 1, 2, got "
                    + Arrays.toString(axes));
        }
        boolean[] seen = new boolean[3];
        for (int a : axes) {
            if (a < 0 || a > 2 || seen[a]) {
                throw new IllegalArgumentException("transpose axes must be a permutation of 0, 1, 2, got "
                        + Arrays.toString(axes));
            }
            seen[a] = true;
        }
    }
}
