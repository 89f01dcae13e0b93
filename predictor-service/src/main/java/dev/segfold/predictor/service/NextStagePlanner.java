package dev.segfold.predictor.service;

import dev.segfold.contracts.events.FoldEvaluated;
import dev.segfold.service.run.RunDescription;

/**
 * The cascade seam: what to do when a fold of an earlier stage (e.g. {@code 3d_lowres} of a
 * {@code 3d_cascade_fullres} run) is evaluated. Its implementation will predict the fold's
 * validation cases at low resolution into {@code <run>/<configuration>/next_stage/}, publish
 * {@code NextStagePredicted}, and request the second stage's folds once every first-stage fold has
 * predicted. Not built yet: {@link NoNextStagePredictions} is the only implementation.
 */
public interface NextStagePlanner {

    /** Handles a fold of an earlier stage than the run's final configuration; returns a description. */
    String onEarlierStageEvaluated(FoldEvaluated evaluated, RunDescription run);
}
