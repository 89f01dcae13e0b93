/**
 * Deciding and building a run's ensemble. {@link dev.segfold.predictor.service.EnsembleCoordinator}
 * decides from storage whether every expected fold is evaluated and whether the ensemble already
 * exists; {@link dev.segfold.predictor.service.EnsembleBuilder} does the work with the engine.
 *
 * <p>Cascade: {@code FoldEvaluated} of an earlier stage (a configuration other than the run's) is
 * handed to {@link dev.segfold.predictor.service.NextStagePlanner}, the seam where next-stage
 * predictions and the second stage's fold requests will be built (a later issue); today it only
 * records that nothing is done.
 */
package dev.segfold.predictor.service;
