package dev.segfold.engine.preprocess;

import dev.segfold.engine.image.Volume;
import java.util.Arrays;

/**
 * The region of an image that holds data: voxels where any channel is nonzero, with holes filled
 * (scipy {@code binary_fill_holes}: background not 6-connected to the border becomes foreground).
 * nnU-Net crops to its bounding box and uses it as the mask for normalisation.
 */
public final class NonzeroMask {
    private NonzeroMask() {}

    /** The hole-filled nonzero mask of {@code channels}, row-major (z, y, x). */
    public static boolean[] of(Volume[] channels) {
        boolean[] mask = nonzero(channels);
        fillHoles(mask, channels[0].shape());
        return mask;
    }

    /**
     * The bounding box of the nonzero voxels of {@code channels}, per axis [start, end): that of
     * {@link #of}'s mask, since filling holes cannot move a bounding box, found without the fill.
     * The whole image when every voxel is zero.
     */
    public static int[][] boundingBox(Volume[] channels) {
        return boundingBox(nonzero(channels), channels[0].shape());
    }

    /** Where any channel is nonzero, before holes are filled. */
    private static boolean[] nonzero(Volume[] channels) {
        if (channels.length == 0) {
            throw new IllegalArgumentException("a case needs at least one channel");
        }
        int[] shape = channels[0].shape();
        boolean[] mask = new boolean[channels[0].size()];
        for (Volume c : channels) {
            if (!Arrays.equals(shape, c.shape())) {
                throw new IllegalArgumentException("channel shapes differ: " + Arrays.toString(shape) + " vs "
                        + Arrays.toString(c.shape()));
            }
            float[] d = c.data();
            for (int i = 0; i < d.length; i++) {
                // NaN != 0 is true, as in numpy
                mask[i] |= d[i] != 0f;
            }
        }
        return mask;
    }

    /** Fills, in place, every background region of {@code mask} that does not touch the border. */
    public static void fillHoles(boolean[] mask, int[] shape) {
        int nz = shape[0];
        int ny = shape[1];
        int nx = shape[2];
        boolean[] outside = new boolean[mask.length];
        int[] queue = new int[mask.length];
        int head = 0;
        int tail = 0;
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    boolean border = z == 0 || y == 0 || x == 0 || z == nz - 1 || y == ny - 1 || x == nx - 1;
                    int i = (z * ny + y) * nx + x;
                    if (border && !mask[i]) {
                        outside[i] = true;
                        queue[tail++] = i;
                    }
                }
            }
        }
        int sliceSize = ny * nx;
        while (head < tail) {
            int i = queue[head++];
            int x = i % nx;
            int y = (i / nx) % ny;
            int z = i / sliceSize;
            if (x > 0) tail = visit(i - 1, mask, outside, queue, tail);
            if (x < nx - 1) tail = visit(i + 1, mask, outside, queue, tail);
            if (y > 0) tail = visit(i - nx, mask, outside, queue, tail);
            if (y < ny - 1) tail = visit(i + nx, mask, outside, queue, tail);
            if (z > 0) tail = visit(i - sliceSize, mask, outside, queue, tail);
            if (z < nz - 1) tail = visit(i + sliceSize, mask, outside, queue, tail);
        }
        for (int i = 0; i < mask.length; i++) {
            mask[i] = !outside[i];
        }
    }

    private static int visit(int j, boolean[] mask, boolean[] outside, int[] queue, int tail) {
        if (!mask[j] && !outside[j]) {
            outside[j] = true;
            queue[tail++] = j;
        }
        return tail;
    }

    /**
     * The bounding box of {@code mask} as per axis [start, end); the whole image when the mask is
     * empty (nnU-Net would fail there; an all-zero image is better kept whole than rejected).
     */
    public static int[][] boundingBox(boolean[] mask, int[] shape) {
        int[] lo = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE};
        int[] hi = {-1, -1, -1};
        int i = 0;
        for (int z = 0; z < shape[0]; z++) {
            for (int y = 0; y < shape[1]; y++) {
                for (int x = 0; x < shape[2]; x++, i++) {
                    if (mask[i]) {
                        lo[0] = Math.min(lo[0], z);
                        hi[0] = Math.max(hi[0], z);
                        lo[1] = Math.min(lo[1], y);
                        hi[1] = Math.max(hi[1], y);
                        lo[2] = Math.min(lo[2], x);
                        hi[2] = Math.max(hi[2], x);
                    }
                }
            }
        }
        if (hi[0] < 0) {
            return new int[][] {{0, shape[0]}, {0, shape[1]}, {0, shape[2]}};
        }
        return new int[][] {{lo[0], hi[0] + 1}, {lo[1], hi[1] + 1}, {lo[2], hi[2] + 1}};
    }
}
