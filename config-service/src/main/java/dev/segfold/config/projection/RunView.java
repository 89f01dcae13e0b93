package dev.segfold.config.projection;

import dev.segfold.contracts.spec.FoldSettings;
import java.time.Instant;
import java.util.List;

/**
 * A run as {@code GET /runs/{id}} shows it: its state, every fold, the ensemble and the
 * submission, and what the run still waits for.
 *
 * @param runId         the run
 * @param dataset       the data set, once known
 * @param configuration what the run produces, once known
 * @param stages        the configuration of each stage, once accepted
 * @param folds         folds trained here (first stage)
 * @param importFolds   folds imported (first stage)
 * @param iterations    iterations per fold (first stage)
 * @param state         where the run stands
 * @param foldViews     every fold known, by stage then fold
 * @param stageViews    the same folds per stage, with each stage's plan; a cascade's stage-1 folds
 *                      are listed (state {@code WAITING}) from the run's plan before they are requested
 * @param ensemble      the ensemble prediction, null until it exists
 * @param submission    the submission archive, null until it exists
 * @param waitingFor    what must happen next, in words, folds waiting for the same thing grouped, e.g.
 *                      {@code "stage 0 folds [1, 3]: next-stage predictions"} or
 *                      {@code "stage 1 folds [0..4]: training"}; empty once the run is finished
 * @param failure       why the run failed or was cancelled
 * @param requestedAt   when it was requested
 * @param updatedAt     time of the last event applied
 * @param events        number of distinct status events applied
 * @param submittedBy   who submitted the run (the subject of the token of its {@code POST /runs}); null
 *                      for runs submitted before it was recorded
 */
public record RunView(String runId, String dataset, String configuration, List<String> stages, List<Integer> folds,
                      List<Integer> importFolds, Integer iterations, RunState state, List<FoldView> foldViews,
                      List<StageView> stageViews, EnsembleView ensemble, SubmissionView submission, List<String> waitingFor, String failure,
                      Instant requestedAt, Instant updatedAt, int events, String submittedBy) {

    /** The same view with another {@code waitingFor} (stalled folds first, see dev.segfold.config.stall). */
    public RunView withWaitingFor(List<String> waiting) {
        return new RunView(runId, dataset, configuration, stages, folds, importFolds, iterations, state, foldViews,
                stageViews, ensemble, submission, List.copyOf(waiting), failure, requestedAt, updatedAt, events,
                submittedBy);
    }

    /**
     * One stage of the run.
     *
     * @param stage         0 first
     * @param configuration what it trains
     * @param folds         folds trained here, as planned (null where the plan is not known)
     * @param importFolds   folds imported, as planned (null where the plan is not known)
     * @param iterations    iterations per fold, as planned (null where not known)
     * @param settings      what each of its folds trains, is evaluated and predicted with: precision,
     *                      recipe, intervals, retention, seed, postprocessing (null where not known)
     * @param foldViews     its folds, by fold
     */
    public record StageView(int stage, String configuration, List<Integer> folds, List<Integer> importFolds,
                            Integer iterations, FoldSettings settings, List<FoldView> foldViews) {}

    /**
     * The ensemble prediction of the test set.
     *
     * @param configuration the configuration ensembled
     * @param folds         the folds ensembled
     * @param prefix        {@code <run>/ensemble/}
     * @param cases         number of test cases predicted
     */
    public record EnsembleView(String configuration, List<Integer> folds, String prefix, int cases) {}

    /**
     * The stored submission.
     *
     * @param key            {@code <run>/package/submission.zip}
     * @param sizeBytes      its size
     * @param sha256         its digest
     * @param foldBundleKeys the per-fold bundles
     */
    public record SubmissionView(String key, long sizeBytes, String sha256, List<String> foldBundleKeys) {}
}
