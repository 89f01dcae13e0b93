package dev.segfold.engine.augment;

import dev.segfold.engine.image.Volume;

/** Cutting a box out of a volume, filling what lies outside it with a constant. */
public final class Crop {
    private Crop() {}

    /**
     * The box of {@code size} whose lower corner is {@code lb} (may be negative or reach past the
     * far side); voxels outside {@code v} take {@code fill}.
     */
    public static Volume extract(Volume v, int[] lb, int[] size, float fill) {
        int[] shape = v.shape();
        float[] src = v.data();
        float[] dst = new float[size[0] * size[1] * size[2]];
        if (fill != 0f) {
            java.util.Arrays.fill(dst, fill);
        }
        int x0 = Math.max(0, -lb[2]);
        int x1 = Math.min(size[2], shape[2] - lb[2]);
        if (x1 <= x0) {
            return new Volume(size, dst);
        }
        for (int z = 0; z < size[0]; z++) {
            int sz = z + lb[0];
            if (sz < 0 || sz >= shape[0]) {
                continue;
            }
            for (int y = 0; y < size[1]; y++) {
                int sy = y + lb[1];
                if (sy < 0 || sy >= shape[1]) {
                    continue;
                }
                System.arraycopy(src, (sz * shape[1] + sy) * shape[2] + lb[2] + x0,
                        dst, (z * size[1] + y) * size[2] + x0, x1 - x0);
            }
        }
        return new Volume(size, dst);
    }
}
