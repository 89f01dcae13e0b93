/**
 * Combining models: the mean softmax of several folds or configurations
 * ({@link dev.segfold.engine.ensemble.SoftmaxEnsemble}, added member by member), its label map
 * after postprocessing ({@link dev.segfold.engine.ensemble.EnsemblePrediction}), and the npz file
 * that carries one model's softmax between steps ({@link dev.segfold.engine.ensemble.SoftmaxNpz}).
 */
package dev.segfold.engine.ensemble;
