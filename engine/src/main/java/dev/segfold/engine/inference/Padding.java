package dev.segfold.engine.inference;

import dev.segfold.engine.image.Volume;
import java.util.Arrays;

/**
 * Zero padding that makes a (z, y, x) image at least as large as a patch, split as batchgenerators'
 * {@code pad_nd_image} does: {@code d // 2} before and the remainder after.
 *
 * @param shape the image shape
 * @param before voxels added before, per axis
 * @param after voxels added after, per axis
 */
public record Padding(int[] shape, int[] before, int[] after) {
    /** The padding that brings {@code shape} up to at least {@code minimum} on every axis. */
    public static Padding toAtLeast(int[] shape, int[] minimum) {
        int[] before = new int[3];
        int[] after = new int[3];
        for (int a = 0; a < 3; a++) {
            int d = Math.max(0, minimum[a] - shape[a]);
            before[a] = d / 2;
            after[a] = d - d / 2;
        }
        return new Padding(shape.clone(), before, after);
    }

    public int[] paddedShape() {
        return new int[] {
            shape[0] + before[0] + after[0], shape[1] + before[1] + after[1], shape[2] + before[2] + after[2]
        };
    }

    public boolean isNone() {
        return Arrays.stream(before).allMatch(v -> v == 0) && Arrays.stream(after).allMatch(v -> v == 0);
    }

    /** The padded voxels of {@code v}, row-major; the volume's own array when nothing is padded. */
    public float[] pad(Volume v) {
        if (!Arrays.equals(v.shape(), shape)) {
            throw new IllegalArgumentException("volume " + v + " does not have the padded shape " + Arrays.toString(shape));
        }
        if (isNone()) {
            return v.data();
        }
        int[] p = paddedShape();
        float[] out = new float[p[0] * p[1] * p[2]];
        float[] in = v.data();
        for (int z = 0; z < shape[0]; z++) {
            for (int y = 0; y < shape[1]; y++) {
                int src = (z * shape[1] + y) * shape[2];
                int dst = ((z + before[0]) * p[1] + y + before[1]) * p[2] + before[2];
                System.arraycopy(in, src, out, dst, shape[2]);
            }
        }
        return out;
    }

    /** The original region of a padded row-major array. */
    public Volume crop(float[] padded) {
        if (isNone()) {
            return new Volume(shape, padded);
        }
        int[] p = paddedShape();
        float[] out = new float[shape[0] * shape[1] * shape[2]];
        for (int z = 0; z < shape[0]; z++) {
            for (int y = 0; y < shape[1]; y++) {
                int dst = (z * shape[1] + y) * shape[2];
                int src = ((z + before[0]) * p[1] + y + before[1]) * p[2] + before[2];
                System.arraycopy(padded, src, out, dst, shape[2]);
            }
        }
        return new Volume(shape, out);
    }
}
