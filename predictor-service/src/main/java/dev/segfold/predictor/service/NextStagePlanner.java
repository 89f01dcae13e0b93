package dev.segfold.predictor.service;

import dev.segfold.contracts.events.FoldEvaluated;
import dev.segfold.service.run.RunDescription;

/**
 * What to do when a fold of an earlier stage (e.g. {@code 3d_lowres} of a
 * {@code 3d_cascade_fullres} run) is evaluated: predict the fold's validation cases for the next
 * stage and request the next stage's folds once every first-stage fold has predicted
 * ({@link CascadeNextStage}).
 */
public interface NextStagePlanner {

    /**
     * Handles a fold of an earlier stage than the run's final configuration; reports its own
     * failures as fold status and never throws for them.
     *
     * @return a description for logs and tests
     */
    String onEarlierStageEvaluated(FoldEvaluated evaluated, RunDescription run);
}
