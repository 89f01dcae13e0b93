/**
 * Deciding and building a run's ensemble. {@link dev.segfold.predictor.service.EnsembleCoordinator}
 * decides from storage whether every expected fold is evaluated and whether the ensemble already
 * exists; {@link dev.segfold.predictor.service.EnsembleBuilder} does the work with the engine.
 *
 * <p>Cascade: {@code FoldEvaluated} of an earlier stage (a configuration other than the run's) is
 * handed to {@link dev.segfold.predictor.service.NextStagePlanner};
 * {@link dev.segfold.predictor.service.CascadeNextStage} predicts a {@code 3d_lowres} fold's
 * validation cases for the next stage and, once every first-stage fold has, requests the
 * {@code 3d_cascade_fullres} folds. The cascade's ensemble runs the second stage's folds on the
 * output of a low-res ensemble of every first-stage fold.
 */
package dev.segfold.predictor.service;
