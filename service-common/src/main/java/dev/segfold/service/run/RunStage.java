package dev.segfold.service.run;

import java.util.List;
import java.util.TreeSet;

/**
 * One stage of a run as {@code run.json} lists it under {@code stages}: a plain run has one (stage
 * 0), a {@code 3d_cascade_fullres} run two ({@code 3d_lowres}, then {@code 3d_cascade_fullres}).
 *
 * @param stage         the stage's index, 0 for the first
 * @param configuration the configuration this stage trains, e.g. {@code 3d_lowres}
 * @param folds         folds trained by this system in this stage
 * @param importFolds   folds of this stage trained elsewhere and uploaded
 * @param iterations    training iterations per fold of this stage
 */
public record RunStage(int stage, String configuration, List<Integer> folds, List<Integer> importFolds,
                       int iterations) {

    public RunStage {
        folds = List.copyOf(folds);
        importFolds = List.copyOf(importFolds);
    }

    /** Every fold of this stage, trained or imported, ascending and without repeats. */
    public List<Integer> expectedFolds() {
        TreeSet<Integer> all = new TreeSet<>(folds);
        all.addAll(importFolds);
        return List.copyOf(all);
    }
}
