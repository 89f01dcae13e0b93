package dev.segfold.engine.postprocess;

import java.util.Arrays;

/**
 * Connected-component labelling of a 3D binary mask with 6-connectivity (faces only), the
 * default structuring element of {@code scipy.ndimage.label} that nnU-Net uses. Components are
 * numbered 1..count in the raster order (z, y, x) of their first voxel; background is 0.
 *
 * @param labels per voxel, row-major (z, y, x): 0 or the component number
 * @param count number of components
 */
public record ConnectedComponents(int[] labels, int count) {

    /** Labels {@code mask} (row-major over {@code shape} = (z, y, x)). */
    public static ConnectedComponents of(boolean[] mask, int[] shape) {
        int d = shape[0], h = shape[1], w = shape[2];
        if ((long) d * h * w != mask.length) {
            throw new IllegalArgumentException("mask has " + mask.length + " voxels, shape "
                    + Arrays.toString(shape) + " needs " + (long) d * h * w);
        }
        int plane = h * w;
        int[] labels = new int[mask.length];
        int[] queue = new int[mask.length];
        int count = 0;
        for (int seed = 0; seed < mask.length; seed++) {
            if (!mask[seed] || labels[seed] != 0) {
                continue;
            }
            count++;
            labels[seed] = count;
            int head = 0, tail = 0;
            queue[tail++] = seed;
            while (head < tail) {
                int i = queue[head++];
                int z = i / plane, y = (i / w) % h, x = i % w;
                if (x > 0) {
                    tail = visit(mask, labels, queue, tail, i - 1, count);
                }
                if (x < w - 1) {
                    tail = visit(mask, labels, queue, tail, i + 1, count);
                }
                if (y > 0) {
                    tail = visit(mask, labels, queue, tail, i - w, count);
                }
                if (y < h - 1) {
                    tail = visit(mask, labels, queue, tail, i + w, count);
                }
                if (z > 0) {
                    tail = visit(mask, labels, queue, tail, i - plane, count);
                }
                if (z < d - 1) {
                    tail = visit(mask, labels, queue, tail, i + plane, count);
                }
            }
        }
        return new ConnectedComponents(labels, count);
    }

    private static int visit(boolean[] mask, int[] labels, int[] queue, int tail, int j, int label) {
        if (mask[j] && labels[j] == 0) {
            labels[j] = label;
            queue[tail++] = j;
        }
        return tail;
    }

    /** Voxel count per component; index 0 is unused. */
    public long[] voxelCounts() {
        long[] counts = new long[count + 1];
        for (int l : labels) {
            if (l != 0) {
                counts[l]++;
            }
        }
        return counts;
    }
}
