package dev.segfold.engine.image;

import java.util.Arrays;

/**
 * A 3D scalar field stored row-major as (z, y, x), x fastest: the same order as the voxels of a
 * NIfTI file and as a numpy array from SimpleITK, so nnU-Net's axis conventions carry over
 * unchanged. Intensities and label maps both use it (labels are small integers held exactly).
 */
public final class Volume {
    private final int[] shape;
    private final float[] data;

    /** Wraps {@code data} (not copied); its length must be the product of {@code shape}. */
    public Volume(int[] shape, float[] data) {
        if (shape.length != 3) {
            throw new IllegalArgumentException("a volume has 3 axes (z, y, x), got " + shape.length);
        }
        long n = (long) shape[0] * shape[1] * shape[2];
        if (shape[0] < 0 || shape[1] < 0 || shape[2] < 0 || n != data.length) {
            throw new IllegalArgumentException(
                    "shape " + Arrays.toString(shape) + " needs " + n + " voxels, data has " + data.length);
        }
        this.shape = shape.clone();
        this.data = data;
    }

    /** A zero-filled volume. */
    public static Volume zeros(int... shape) {
        return new Volume(shape, new float[shape[0] * shape[1] * shape[2]]);
    }

    /** Shape as (z, y, x); a copy. */
    public int[] shape() {
        return shape.clone();
    }

    public int depth() {
        return shape[0];
    }

    public int height() {
        return shape[1];
    }

    public int width() {
        return shape[2];
    }

    /** The backing array, row-major (z, y, x); writes go through to the volume. */
    public float[] data() {
        return data;
    }

    public int size() {
        return data.length;
    }

    public int index(int z, int y, int x) {
        return (z * shape[1] + y) * shape[2] + x;
    }

    public float get(int z, int y, int x) {
        return data[index(z, y, x)];
    }

    public void set(int z, int y, int x, float value) {
        data[index(z, y, x)] = value;
    }

    /** A deep copy. */
    public Volume copy() {
        return new Volume(shape, data.clone());
    }

    @Override
    public String toString() {
        return "Volume" + Arrays.toString(shape);
    }
}
