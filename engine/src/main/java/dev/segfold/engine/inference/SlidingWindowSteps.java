package dev.segfold.engine.inference;

/**
 * Where the tiles of a sliding-window pass start along each axis, as nnU-Net v1's
 * {@code _compute_steps_for_sliding_window}: {@code n = ceil((S - p) / (step * p)) + 1} tiles whose
 * starts are spread evenly from 0 to {@code S - p}, so neighbours overlap by at least
 * {@code 1 - step} of a patch and the last tile ends exactly at the border.
 */
public final class SlidingWindowSteps {
    private SlidingWindowSteps() {}

    /**
     * Tile starts along one axis.
     *
     * @param patch patch length p
     * @param size image length S (already padded, so {@code S >= p})
     * @param stepSize fraction of the patch between tile starts, in (0, 1]
     */
    public static int[] along(int patch, int size, double stepSize) {
        if (!(stepSize > 0 && stepSize <= 1)) {
            throw new IllegalArgumentException("stepSize must be in (0, 1], got " + stepSize);
        }
        if (patch < 1 || size < patch) {
            throw new IllegalArgumentException(
                    "image length " + size + " must be at least the patch length " + patch + " (pad first)");
        }
        double target = patch * stepSize;
        int n = (int) Math.ceil((size - patch) / target) + 1;
        int[] starts = new int[n];
        if (n > 1) {
            double actual = (double) (size - patch) / (n - 1);
            for (int i = 0; i < n; i++) {
                // np.round rounds halves to even; Math.rint does the same.
                starts[i] = (int) Math.rint(actual * i);
            }
        }
        return starts;
    }

    /** Tile starts per axis for a (z, y, x) image. */
    public static int[][] of(int[] patchShape, int[] imageShape, double stepSize) {
        int[][] steps = new int[3][];
        for (int a = 0; a < 3; a++) {
            steps[a] = along(patchShape[a], imageShape[a], stepSize);
        }
        return steps;
    }
}
