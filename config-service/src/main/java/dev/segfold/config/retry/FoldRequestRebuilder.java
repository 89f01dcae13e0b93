package dev.segfold.config.retry;

import dev.segfold.contracts.events.FoldId;
import dev.segfold.contracts.events.FoldTrainingRequested;
import dev.segfold.contracts.storage.RunLayout;
import dev.segfold.service.run.RunDescription;
import dev.segfold.service.run.RunStage;
import java.time.Instant;

/**
 * A fold's training request made again from the run's {@code run.json} (storage is the source of
 * truth): the same data set, stage settings, plans, config and, for a cascade's later stage, the
 * previous stage's next-stage predictions, as the config-service and the predictor first sent it.
 */
public final class FoldRequestRebuilder {
    private FoldRequestRebuilder() {
    }

    /**
     * The first attempt's request of {@code fold}.
     *
     * @throws IllegalArgumentException if run.json lacks the stage or its settings, or the fold is
     *                                  imported rather than trained here (nothing to request)
     */
    public static FoldTrainingRequested request(RunDescription run, FoldId fold, Instant now) {
        RunStage stage = run.stage(fold.stage());
        if (!stage.configuration().equals(fold.configuration())) {
            throw new IllegalArgumentException("run.json of run " + run.runId() + ": stage " + fold.stage() + " is "
                    + stage.configuration() + ", not " + fold.configuration());
        }
        if (!stage.folds().contains(fold.fold())) {
            throw new IllegalArgumentException("run.json of run " + run.runId() + ": stage " + fold.stage()
                    + " does not train fold " + fold.fold() + " (folds " + stage.folds() + ", imported "
                    + stage.importFolds() + "); an imported fold is retried by uploading its checkpoint again");
        }
        RunLayout keys = RunLayout.of(run.runId());
        String previous = fold.stage() > 0 ? keys.nextStagePrefix(run.stage(fold.stage() - 1).configuration()) : null;
        return new FoldTrainingRequested(fold, run.dataset(), stage.requireSettings(run.runId()), keys.plans(),
                keys.foldConfig(fold.configuration(), fold.fold()), previous, now);
    }
}
