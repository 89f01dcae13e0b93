package dev.segfold.engine.synthetic;

import java.util.Arrays;
import java.util.List;

/** The best foreground Dice any single intensity threshold (above or below) reaches: what a learner must beat. */
final class ThresholdBaseline {
    private ThresholdBaseline() {}

    static double bestDice(List<float[]> images, List<float[]> labels) {
        int n = images.stream().mapToInt(a -> a.length).sum();
        // one primitive sort: order-preserving bits of the value, the label in the lowest bit
        long[] keys = new long[n];
        int k = 0;
        int positives = 0;
        for (int c = 0; c < images.size(); c++) {
            for (int i = 0; i < images.get(c).length; i++, k++) {
                int bits = Float.floatToIntBits(images.get(c)[i]);
                long sortable = bits >= 0 ? bits : bits ^ 0x7fffffff;
                boolean fg = labels.get(c)[i] > 0;
                keys[k] = (sortable << 1) | (fg ? 1 : 0);
                positives += fg ? 1 : 0;
            }
        }
        Arrays.sort(keys);
        // sweep: predicted set = voxels above the cut (or below it); Dice = 2TP / (|pred| + |fg|)
        double best = 0;
        int tpBelow = 0;
        for (int j = 0; j < n; j++) {
            if ((keys[j] & 1) == 1) {
                tpBelow++;
            }
            if (j + 1 < n && keys[j + 1] >> 1 == keys[j] >> 1) {
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
