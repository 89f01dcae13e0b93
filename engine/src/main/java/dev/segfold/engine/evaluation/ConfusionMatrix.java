package dev.segfold.engine.evaluation;

import dev.segfold.engine.image.Volume;
import java.util.Arrays;

/**
 * Voxel counts of one label (or joint group of labels) in a predicted and a reference
 * segmentation, plus whether either mask is empty or full: everything nnU-Net v1's metrics need.
 */
public record ConfusionMatrix(
        long tp, long fp, long tn, long fn,
        boolean testEmpty, boolean testFull, boolean referenceEmpty, boolean referenceFull) {

    /**
     * Counts for the mask "label is one of {@code labels}" in {@code test} against {@code reference}.
     *
     * @throws IllegalArgumentException if the shapes differ
     */
    public static ConfusionMatrix of(Volume test, Volume reference, int... labels) {
        if (!Arrays.equals(test.shape(), reference.shape())) {
            throw new IllegalArgumentException("test shape " + Arrays.toString(test.shape())
                    + " differs from reference shape " + Arrays.toString(reference.shape()));
        }
        float[] t = test.data();
        float[] r = reference.data();
        long tp = 0, fp = 0, tn = 0, fn = 0;
        for (int i = 0; i < t.length; i++) {
            boolean inT = contains(labels, t[i]);
            boolean inR = contains(labels, r[i]);
            if (inT) {
                if (inR) {
                    tp++;
                } else {
                    fp++;
                }
            } else if (inR) {
                fn++;
            } else {
                tn++;
            }
        }
        long testPositives = tp + fp;
        long referencePositives = tp + fn;
        long size = t.length;
        return new ConfusionMatrix(tp, fp, tn, fn,
                testPositives == 0, testPositives == size, referencePositives == 0, referencePositives == size);
    }

    private static boolean contains(int[] labels, float value) {
        for (int l : labels) {
            if (value == l) {
                return true;
            }
        }
        return false;
    }

    public long size() {
        return tp + fp + tn + fn;
    }
}
