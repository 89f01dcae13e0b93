package dev.segfold.contracts.spec;

import java.util.List;

/**
 * One stage of a run as the trainers see it: stage 0 is the only stage of a single-stage run and
 * the low-res stage of a cascade, stage 1 the cascade's full-resolution network.
 *
 * @param stage         0 or 1; the stage of {@code FoldId}
 * @param configuration what this stage trains
 * @param folds         folds trained here
 * @param importedFolds folds trained elsewhere, whose checkpoints are uploaded
 * @param iterations    training iterations of each fold
 */
public record StageSpec(int stage, Configuration configuration, List<Integer> folds, List<Integer> importedFolds,
                        int iterations) {

    /** Copies the lists. */
    public StageSpec {
        folds = List.copyOf(folds);
        importedFolds = List.copyOf(importedFolds);
    }
}
