package dev.segfold.engine.resample;

import dev.segfold.engine.image.Volume;
import java.util.Arrays;

/**
 * Label-map resize as batchgenerators' {@code resize_segmentation(seg, shape, order=1)}, which
 * nnU-Net uses for segmentations: each label's one-hot mask is resized with linear interpolation
 * and the label is written where the result is >= 0.5, labels in ascending order (a later label
 * wins a tie), every other voxel 0. Interpolating labels directly would invent in-between labels.
 */
public final class LabelResizer {
    private LabelResizer() {}

    /** {@code labels} resized to {@code newShape} (z, y, x) with order 1 per label. */
    public static Volume resize(Volume labels, int[] newShape) {
        Interpolation l = Interpolation.LINEAR;
        return resize(labels, newShape, new Interpolation[] {l, l, l});
    }

    /**
     * Per-label resize with one interpolation per axis. A NEAREST axis picks whole label slices,
     * which is what nnU-Net's separate-z path does along the low-resolution axis (nearest
     * commutes with the per-voxel threshold, so the order of the steps does not matter).
     */
    static Volume resize(Volume labels, int[] newShape, Interpolation[] perAxis) {
        VolumeResizer.checkShape(newShape);
        int[] shape = labels.shape();
        if (Arrays.equals(shape, newShape)) {
            return labels.copy();
        }
        float[] src = labels.data();
        float[] present = distinctSorted(src);
        float[] out = new float[newShape[0] * newShape[1] * newShape[2]];
        int[] order = VolumeResizer.passOrder(shape, newShape);
        for (float label : present) {
            // double precision throughout: a float rounding could push 0.49999999 over the threshold
            double[] mask = new double[src.length];
            for (int i = 0; i < src.length; i++) {
                mask[i] = src[i] == label ? 1.0 : 0.0;
            }
            int[] cur = shape.clone();
            for (int axis : order) {
                if (cur[axis] != newShape[axis]) {
                    mask = SeparablePass.along(mask, cur, axis, new AxisKernel(cur[axis], newShape[axis], perAxis[axis]));
                    cur[axis] = newShape[axis];
                }
            }
            double[] r = mask;
            for (int i = 0; i < out.length; i++) {
                if (r[i] >= 0.5) {
                    out[i] = label;
                }
            }
        }
        return new Volume(newShape, out);
    }

    /** The distinct values of {@code values}, ascending; label maps hold a handful of them. */
    static float[] distinctSorted(float[] values) {
        float[] seen = new float[8];
        int n = 0;
        float last = Float.NaN;
        for (float v : values) {
            if (v == last) {
                continue;
            }
            if (Float.isNaN(v)) {
                throw new IllegalArgumentException("label map contains NaN");
            }
            last = v;
            boolean found = false;
            for (int i = 0; i < n; i++) {
                if (seen[i] == v) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                if (n == seen.length) {
                    seen = Arrays.copyOf(seen, 2 * n);
                }
                seen[n++] = v;
            }
        }
        float[] out = Arrays.copyOf(seen, n);
        Arrays.sort(out);
        return out;
    }
}
