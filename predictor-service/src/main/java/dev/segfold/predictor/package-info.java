/**
 * The predictor service: when every fold a run expects has been evaluated, it chooses the
 * postprocessing on the pooled cross-validation predictions, predicts the data set's test cases
 * with the softmax-averaged ensemble of the folds' final checkpoints and stores the result under
 * {@code <run>/ensemble/} (DESIGN §3).
 */
package dev.segfold.predictor;
