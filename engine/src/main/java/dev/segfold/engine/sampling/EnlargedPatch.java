package dev.segfold.engine.sampling;

/**
 * nnU-Net's {@code get_patch_size}: how large a patch the data loader must cut so that the spatial
 * augmentation can rotate and scale the final patch without running out of data. The patch extent
 * vector is rotated by the largest angle about each axis in turn (angles capped at 90 degrees),
 * the per-axis maxima of the absolute results are kept, divided by the smallest scale and
 * truncated to integers.
 */
public final class EnlargedPatch {
    /**
     * The smallest scale nnU-Net divides by: 0.85, the default {@code scale_range} that is still in
     * place when nnUNetTrainerV2 computes the loader's patch (it widens the range to 0.7 later).
     */
    public static final double NNUNET_MIN_SCALE = 0.85;

    private EnlargedPatch() {}

    /** The loader patch of nnUNetTrainerV2: +-30 degrees in 3D, +-180 in-plane for dummy-2D. */
    public static int[] nnUNet(int[] patch, boolean dummy2D) {
        if (dummy2D) {
            return planar(patch, Math.toRadians(180), NNUNET_MIN_SCALE);
        }
        double a = Math.toRadians(30);
        return volumetric(patch, a, a, a, NNUNET_MIN_SCALE);
    }

    /** 3D: rotations about axes 0, 1, 2 by up to the given angles (radians). */
    public static int[] volumetric(int[] patch, double rot0, double rot1, double rot2, double minScale) {
        double[] c = {patch[0], patch[1], patch[2]};
        double[] best = c.clone();
        double[][][] mats = {
            rowRotation(cap(rot0), 0), rowRotation(cap(rot1), 1), rowRotation(cap(rot2), 2),
        };
        for (double[][] m : mats) {
            for (int j = 0; j < 3; j++) {
                double v = 0;
                for (int i = 0; i < 3; i++) {
                    v += c[i] * m[i][j];
                }
                best[j] = Math.max(best[j], Math.abs(v));
            }
        }
        int[] out = new int[3];
        for (int a = 0; a < 3; a++) {
            out[a] = (int) (best[a] / minScale);
        }
        return out;
    }

    /** Dummy-2D: axis 0 unchanged, the (y, x) extent rotated in-plane by up to {@code rot}. */
    public static int[] planar(int[] patch, double rot, double minScale) {
        double r = cap(rot);
        double cy = patch[1];
        double cx = patch[2];
        // row vector (cy, cx) times [[cos, -sin], [sin, cos]], as rotate_coords_2d does
        double y = Math.max(cy, Math.abs(cy * Math.cos(r) + cx * Math.sin(r)));
        double x = Math.max(cx, Math.abs(-cy * Math.sin(r) + cx * Math.cos(r)));
        return new int[] {patch[0], (int) (y / minScale), (int) (x / minScale)};
    }

    private static double cap(double angle) {
        return Math.min(Math.PI / 2, Math.abs(angle));
    }

    /** batchgenerators' rotation matrix about one axis (the row vector is multiplied from the left). */
    private static double[][] rowRotation(double a, int axis) {
        double c = Math.cos(a);
        double s = Math.sin(a);
        return switch (axis) {
            case 0 -> new double[][] {{1, 0, 0}, {0, c, -s}, {0, s, c}};
            case 1 -> new double[][] {{c, 0, s}, {0, 1, 0}, {-s, 0, c}};
            default -> new double[][] {{c, -s, 0}, {s, c, 0}, {0, 0, 1}};
        };
    }
}
