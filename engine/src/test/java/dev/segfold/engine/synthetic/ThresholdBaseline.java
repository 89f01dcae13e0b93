package dev.segfold.engine.synthetic;

import java.util.Arrays;
import java.util.List;

/** The best foreground Dice any single intensity threshold (above or below) reaches: what a learner must beat. */
final class ThresholdBaseline {
    private ThresholdBaseline() {}

    static double bestDice(List<float[]> images, List<float[]> labels) {
        int n = images.stream().mapToInt(a -> a.length).sum();
        float[] values = new float[n];
        boolean[] fg = new boolean[n];
        int k = 0;
        int positives = 0;
        for (int c = 0; c < images.size(); c++) {
            for (int i = 0; i < images.get(c).length; i++, k++) {
                values[k] = images.get(c)[i];
                fg[k] = labels.get(c)[i] > 0;
                positives += fg[k] ? 1 : 0;
            }
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Float.compare(values[a], values[b]));
        // sweep: predicted set = voxels above the cut (or below it); Dice = 2TP / (|pred| + |fg|)
        double best = 0;
        int tpBelow = 0;
        for (int j = 0; j < n; j++) {
            if (fg[order[j]]) {
                tpBelow++;
            }
            if (j + 1 < n && values[order[j + 1]] == values[order[j]]) {
                continue;
            }
            int below = j + 1;
            int above = n - below;
            int tpAbove = positives - tpBelow;
            best = Math.max(best, 2.0 * tpAbove / (above + positives));
            best = Math.max(best, 2.0 * tpBelow / (below + positives));
        }
        return best;
    }
}
