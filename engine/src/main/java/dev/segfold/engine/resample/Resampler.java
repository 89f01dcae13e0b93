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
        int[] dstShape = resized.shape();
        int n = srcShape[axis];
        float[] min = new float[n];
        float[] max = new float[n];
        Arrays.fill(min, Float.POSITIVE_INFINITY);
        Arrays.fill(max, Float.NEGATIVE_INFINITY);
        float[] s = source.data();
        int srcStride = stride(srcShape, axis);
        for (int i = 0; i < s.length; i++) {
            int k = (i / srcStride) % n;
            min[k] = Math.min(min[k], s[i]);
            max[k] = Math.max(max[k], s[i]);
        }
        float[] d = resized.data();
        int dstStride = stride(dstShape, axis);
        for (int i = 0; i < d.length; i++) {
            int k = (i / dstStride) % n;
            float v = d[i];
            d[i] = v < min[k] ? min[k] : (v > max[k] ? max[k] : v);
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
