package dev.segfold.engine.split;

import java.util.List;
import java.util.Objects;

/**
 * One fold of a cross-validation: the cases a model trains on and the cases it is validated on.
 *
 * @param fold the fold index, or {@link #ALL} for nnU-Net's fold "all" (train = val = every case)
 * @param train training case ids, sorted as strings
 * @param val validation case ids, sorted as strings
 */
public record FoldSplit(int fold, List<String> train, List<String> val) {
    /** The fold index of nnU-Net's fold "all". */
    public static final int ALL = -1;

    public FoldSplit {
        if (fold < ALL) {
            throw new IllegalArgumentException("fold must be >= 0 or FoldSplit.ALL, got " + fold);
        }
        train = List.copyOf(Objects.requireNonNull(train, "train"));
        val = List.copyOf(Objects.requireNonNull(val, "val"));
    }

    /** True for fold "all", where the validation cases are also trained on. */
    public boolean isAll() {
        return fold == ALL;
    }
}
