package dev.segfold.engine.resample;

import dev.segfold.engine.image.Volume;

/**
 * Whole-volume resize with the semantics of skimage {@code resize(image, shape, order,
 * mode='edge', anti_aliasing=False)} (clip on, the default): a scipy spline of the given order on
 * the grid {@code (i+0.5)*in/out-0.5}, edge values beyond the border, and for order > 0 the result
 * clipped to the input's value range. nnU-Net resamples intensities this way with order 3 and
 * softmax maps with order 1.
 */
public final class VolumeResizer {
    private VolumeResizer() {}

    /** {@code volume} resized to {@code newShape} (z, y, x) with the same order on every axis. */
    public static Volume resize(Volume volume, int[] newShape, Interpolation order) {
        return resize(volume, newShape, new Interpolation[] {order, order, order}, true);
    }

    /**
     * {@code volume} resized to {@code newShape} with one interpolation per axis; axes whose size
     * does not change are copied. With {@code clip}, the result is clipped to the input range when
     * any axis interpolates with order > 0.
     */
    public static Volume resize(Volume volume, int[] newShape, Interpolation[] perAxis, boolean clip) {
        checkShape(newShape);
        int[] shape = volume.shape();
        float[] data = volume.data();
        boolean changed = false;
        boolean smooth = false;
        for (int axis : passOrder(shape, newShape)) {
            if (shape[axis] == newShape[axis]) {
                continue;
            }
            if (shape[axis] == 0) {
                throw new IllegalArgumentException("cannot resize an empty axis " + axis + " to " + newShape[axis]);
            }
            data = SeparablePass.along(data, shape, axis, new AxisKernel(shape[axis], newShape[axis], perAxis[axis]));
            shape[axis] = newShape[axis];
            changed = true;
            smooth |= perAxis[axis] != Interpolation.NEAREST;
        }
        if (!changed) {
            return volume.copy();
        }
        if (clip && smooth && volume.size() > 0) {
            float[] src = volume.data();
            float min = Float.POSITIVE_INFINITY;
            float max = Float.NEGATIVE_INFINITY;
            for (float v : src) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            clip(data, min, max);
        }
        return new Volume(shape, data);
    }

    static void clip(float[] data, float min, float max) {
        for (int i = 0; i < data.length; i++) {
            float v = data[i];
            data[i] = v < min ? min : (v > max ? max : v);
        }
    }

    static void checkShape(int[] newShape) {
        if (newShape.length != 3 || newShape[0] < 1 || newShape[1] < 1 || newShape[2] < 1) {
            throw new IllegalArgumentException("target shape must be 3 positive sizes, got "
                    + java.util.Arrays.toString(newShape));
        }
    }

    /** Shrinking axes first keeps the intermediate arrays, and so the work, small. */
    static int[] passOrder(int[] shape, int[] newShape) {
        Integer[] axes = {0, 1, 2};
        java.util.Arrays.sort(axes, java.util.Comparator.comparingDouble(
                a -> shape[a] == 0 ? 1.0 : (double) newShape[a] / shape[a]));
        return new int[] {axes[0], axes[1], axes[2]};
    }
}
