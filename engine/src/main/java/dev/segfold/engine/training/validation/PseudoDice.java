package dev.segfold.engine.training.validation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * nnU-Net v2's online "pseudo Dice": true positives, false positives and false negatives of the
 * argmax prediction, summed over every validation patch of an epoch (not averaged per patch), then
 * {@code 2 tp / (2 tp + fp + fn)} per foreground class. A class absent from both prediction and
 * target has no Dice (NaN, left out of the mean, as nnU-Net's {@code np.nanmean}).
 */
public final class PseudoDice {
    private final long[] tp;
    private final long[] fp;
    private final long[] fn;

    /** @param classes number of classes including background */
    public PseudoDice(int classes) {
        if (classes < 2) {
            throw new IllegalArgumentException("pseudo Dice needs a foreground class, got " + classes + " classes");
        }
        tp = new long[classes - 1];
        fp = new long[classes - 1];
        fn = new long[classes - 1];
    }

    /**
     * Adds one batch.
     *
     * @param predicted argmax labels 0..K-1, any shape
     * @param target    ground-truth labels of the same voxels
     */
    public void add(long[] predicted, float[] target) {
        if (predicted.length != target.length) {
            throw new IllegalArgumentException("prediction has " + predicted.length + " voxels, target "
                    + target.length);
        }
        for (int i = 0; i < predicted.length; i++) {
            int p = (int) predicted[i];
            int t = (int) target[i];
            if (p == t) {
                if (p > 0) {
                    tp[p - 1]++;
                }
            } else {
                if (p > 0) {
                    fp[p - 1]++;
                }
                if (t > 0) {
                    fn[t - 1]++;
                }
            }
        }
    }

    /** Adds counts computed elsewhere (per foreground class 1..K-1). */
    public void add(long[] tpAdd, long[] fpAdd, long[] fnAdd) {
        for (int c = 0; c < tp.length; c++) {
            tp[c] += tpAdd[c];
            fp[c] += fpAdd[c];
            fn[c] += fnAdd[c];
        }
    }

    /** Dice of each foreground class 1..K-1; NaN where the class is in neither prediction nor target. */
    public double[] perClass() {
        double[] dice = new double[tp.length];
        for (int c = 0; c < dice.length; c++) {
            long denominator = 2 * tp[c] + fp[c] + fn[c];
            dice[c] = denominator == 0 ? Double.NaN : 2.0 * tp[c] / denominator;
        }
        return dice;
    }

    /** Mean over the classes that have a Dice; NaN when none has. */
    public double mean() {
        return nanMean(perClass());
    }

    /** {@code np.nanmean}. */
    public static double nanMean(double[] values) {
        double sum = 0;
        int n = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** The per-class values as a list, NaN as null (JSON has no NaN). */
    public static List<Double> withNulls(double[] values) {
        List<Double> out = new ArrayList<>(values.length);
        for (double v : values) {
            out.add(Double.isNaN(v) ? null : v);
        }
        return out;
    }

    @Override
    public String toString() {
        return "PseudoDice" + Arrays.toString(perClass());
    }
}
