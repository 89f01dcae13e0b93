package dev.segfold.engine.augment;

import dev.segfold.engine.image.Volume;
import java.util.SplittableRandom;

/**
 * batchgenerators' {@code MirrorTransform}: each of the given axes is flipped with probability
 * {@code pPerAxis}, data and segmentation together.
 */
public final class Mirror implements Augmentation {
    private final int[] axes;
    private final double pPerAxis;

    /** @param axes axes (0 = z, 1 = y, 2 = x) that may be flipped */
    public Mirror(int[] axes, double pPerAxis) {
        this.axes = axes.clone();
        this.pPerAxis = pPerAxis;
    }

    @Override
    public void apply(Sample sample, SplittableRandom rng) {
        for (int axis : axes) {
            if (rng.nextDouble() < pPerAxis) {
                for (Volume v : sample.data()) {
                    flip(v, axis);
                }
                for (Volume v : sample.seg()) {
                    flip(v, axis);
                }
            }
        }
    }

    /** Reverses {@code v} along {@code axis} in place. */
    public static void flip(Volume v, int axis) {
        int[] s = v.shape();
        int[] strides = {s[1] * s[2], s[2], 1};
        int n = s[axis];
        int a1 = axis == 0 ? 1 : 0;
        int a2 = axis == 2 ? 1 : 2;
        float[] a = v.data();
        for (int i = 0; i < s[a1]; i++) {
            for (int j = 0; j < s[a2]; j++) {
                int base = i * strides[a1] + j * strides[a2];
                for (int k = 0, l = n - 1; k < l; k++, l--) {
                    int p = base + k * strides[axis];
                    int q = base + l * strides[axis];
                    float t = a[p];
                    a[p] = a[q];
                    a[q] = t;
                }
            }
        }
    }
}
