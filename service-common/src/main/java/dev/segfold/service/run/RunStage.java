package dev.segfold.service.run;

import dev.segfold.contracts.spec.FoldSettings;
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
 * @param settings      what every fold of this stage trains, is evaluated and predicted with
 *                      ({@code stages[i].settings}); null in a run.json written without them
 */
public record RunStage(int stage, String configuration, List<Integer> folds, List<Integer> importFolds,
                       int iterations, FoldSettings settings) {

    public RunStage {
        folds = List.copyOf(folds);
        importFolds = List.copyOf(importFolds);
    }

    /** A stage without settings (a run.json written before they were stored). */
    public RunStage(int stage, String configuration, List<Integer> folds, List<Integer> importFolds, int iterations) {
        this(stage, configuration, folds, importFolds, iterations, null);
    }

    /**
     * The stage's fold settings.
     *
     * @throws IllegalArgumentException naming the stage when run.json has none: a run accepted by
     *                                  this version always has them, and guessing would train or
     *                                  predict something the user did not ask for
     */
    public FoldSettings requireSettings(String runId) {
        if (settings == null) {
            throw new IllegalArgumentException("run.json of run " + runId + ": stages[" + stage
                    + "].settings is missing (a run accepted by an older config-service); resubmit the run");
        }
        return settings;
    }

    /** Every fold of this stage, trained or imported, ascending and without repeats. */
    public List<Integer> expectedFolds() {
        TreeSet<Integer> all = new TreeSet<>(folds);
        all.addAll(importFolds);
        return List.copyOf(all);
    }
}
