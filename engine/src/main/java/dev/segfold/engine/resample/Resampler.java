package dev.segfold.engine.resample;

import dev.segfold.engine.image.Volume;
import java.util.Arrays;

/**
 * Applies a {@link ResamplingPlan} as nnU-Net's {@code resample_data_or_seg}: with no separate
 * axis, one resize of the whole volume; with a low-resolution axis, each slice across it is
 * resized in-plane (clipped to that slice's range) and the axis itself is resampled with order 0.
 * A volume that already has the target shape comes back unchanged (as a copy).
 */
public final class Resampler {
    private Resampler() {}

    /**
     * Intensities (or probabilities) resampled with {@code order} in-plane and order 0 along the
     * plan's low-resolution axis. nnU-Net uses order 3 for images and order 1 for softmax maps.
     */
    public static Volume data(Volume volume, ResamplingPlan plan, Interpolation order) {
        int[] shape = volume.shape();
        int[] target = plan.newShape();
        if (Arrays.equals(shape, target)) {
            return volume.copy();
        }
        if (!plan.separateZ()) {
            return VolumeResizer.resize(volume, target, order);
        }
        int axis = plan.lowResAxis();
        int[] inPlaneShape = shape.clone();
        Interpolation[] inPlane = {order, order, order};
        for (int a = 0; a < 3; a++) {
            if (a != axis) {
                inPlaneShape[a] = target[a];
            }
        }
        Volume slices = VolumeResizer.resize(volume, inPlaneShape, inPlane, false);
        if (order != Interpolation.NEAREST) {
            clipPerSlice(volume, slices, axis);
        }
        Interpolation[] along = {Interpolation.NEAREST, Interpolation.NEAREST, Interpolation.NEAREST};
        return VolumeResizer.resize(slices, target, along, false);
    }

    /**
     * A label map resampled with order 1 per label (see {@link LabelResizer}), and with order 0
     * along the plan's low-resolution axis.
     */
    public static Volume labels(Volume labels, ResamplingPlan plan) {
        int[] target = plan.newShape();
        if (Arrays.equals(labels.shape(), target)) {
            return labels.copy();
        }
        Interpolation[] perAxis = {Interpolation.LINEAR, Interpolation.LINEAR, Interpolation.LINEAR};
        if (plan.separateZ()) {
            perAxis[plan.lowResAxis()] = Interpolation.NEAREST;
        }
        return LabelResizer.resize(labels, target, perAxis);
    }

    /** skimage clips each 2D resize to its own input slice's range. */
    private static void clipPerSlice(Volume source, Volume resized, int axis) {
        int[] srcShape = source.shape();
        int n = srcShape[axis];
        float[] min = new float[n];
        float[] max = new float[n];
        Arrays.fill(min, Float.POSITIVE_INFINITY);
        Arrays.fill(max, Float.NEGATIVE_INFINITY);
        forEachSlice(source, axis, false, (k, v) -> {
            min[k] = Math.min(min[k], v);
            max[k] = Math.max(max[k], v);
            return v;
        });
        forEachSlice(resized, axis, true, (k, v) -> v < min[k] ? min[k] : (v > max[k] ? max[k] : v));
    }

    /** Per-voxel update that knows the voxel's index along the slicing axis. */
    private interface SliceOp {
        float apply(int slice, float value);
    }

    private static void forEachSlice(Volume v, int axis, boolean write, SliceOp op) {
        int[] shape = v.shape();
        int outer = 1;
        for (int a = 0; a < axis; a++) {
            outer *= shape[a];
        }
        int inner = stride(shape, axis);
        float[] d = v.data();
        int i = 0;
        for (int o = 0; o < outer; o++) {
            for (int k = 0; k < shape[axis]; k++) {
                for (int j = 0; j < inner; j++, i++) {
                    float r = op.apply(k, d[i]);
                    if (write) {
                        d[i] = r;
                    }
                }
            }
        }
    }

    private static int stride(int[] shape, int axis) {
        int stride = 1;
        for (int a = axis + 1; a < 3; a++) {
            stride *= shape[a];
        }
        return stride;
    }
}
