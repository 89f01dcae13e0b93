package dev.segfold.engine.plan;

import dev.segfold.engine.image.Volume;

/**
 * The bounding box nnU-Net crops a case to: that of the voxels where any channel is nonzero.
 * nnU-Net fills holes in that mask first, which cannot move its bounding box, so it is skipped.
 * Bounds are inclusive-exclusive, (z, y, x).
 */
record NonzeroBox(int[] lo, int[] hi) {

    int[] size() {
        return new int[] {hi[0] - lo[0], hi[1] - lo[1], hi[2] - lo[2]};
    }

    /** The box of the nonzero voxels; the whole image when every voxel is zero. */
    static NonzeroBox of(Volume[] channels) {
        int[] shape = channels[0].shape();
        int[] lo = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE};
        int[] hi = {-1, -1, -1};
        int plane = shape[1] * shape[2];
        for (Volume c : channels) {
            float[] d = c.data();
            for (int i = 0; i < d.length; i++) {
                if (d[i] != 0) {
                    int z = i / plane;
                    int y = (i % plane) / shape[2];
                    int x = i % shape[2];
                    lo[0] = Math.min(lo[0], z);
                    lo[1] = Math.min(lo[1], y);
                    lo[2] = Math.min(lo[2], x);
                    hi[0] = Math.max(hi[0], z);
                    hi[1] = Math.max(hi[1], y);
                    hi[2] = Math.max(hi[2], x);
                }
            }
        }
        if (hi[0] < 0) {
            return new NonzeroBox(new int[3], shape);
        }
        return new NonzeroBox(lo, new int[] {hi[0] + 1, hi[1] + 1, hi[2] + 1});
    }
}
