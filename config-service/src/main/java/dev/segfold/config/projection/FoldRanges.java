package dev.segfold.config.projection;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Names a set of folds for people: {@code fold 2}, {@code folds [1, 3]}, {@code folds [0..4]}. */
final class FoldRanges {
    private FoldRanges() {
    }

    /** {@code "fold k"} for one fold, else {@code "folds [...]"} with runs of three or more as {@code a..b}. */
    static String describe(List<Integer> folds) {
        TreeSet<Integer> sorted = new TreeSet<>(folds);
        if (sorted.size() == 1) {
            return "fold " + sorted.first();
        }
        List<String> parts = new ArrayList<>();
        Integer start = null;
        Integer previous = null;
        for (int k : sorted) {
            if (previous != null && k == previous + 1) {
                previous = k;
                continue;
            }
            if (start != null) {
                add(parts, start, previous);
            }
            start = k;
            previous = k;
        }
        if (start != null) {
            add(parts, start, previous);
        }
        return "folds [" + String.join(", ", parts) + "]";
    }

    private static void add(List<String> parts, int from, int to) {
        if (to - from >= 2) {
            parts.add(from + ".." + to);
        } else {
            for (int k = from; k <= to; k++) {
                parts.add(String.valueOf(k));
            }
        }
    }
}
