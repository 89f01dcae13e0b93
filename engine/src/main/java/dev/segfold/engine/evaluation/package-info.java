/**
 * How good a segmentation is: per-case, per-label metrics with nnU-Net v1's rules
 * ({@link dev.segfold.engine.evaluation.Evaluator}, {@link dev.segfold.engine.evaluation.Metric}),
 * their nanmean over cases ({@link dev.segfold.engine.evaluation.EvaluationSummary}) and
 * summary.json ({@link dev.segfold.engine.evaluation.SummaryJson}). Loading the label maps is
 * done elsewhere; this package takes volumes.
 */
package dev.segfold.engine.evaluation;
