/**
 * Training a fold the nnU-Net way: {@link dev.segfold.engine.training.FoldTrainer} runs
 * {@link dev.segfold.engine.training.TrainStep}s (deep-supervision
 * {@link dev.segfold.engine.training.DiceCrossEntropyLoss}, {@link dev.segfold.engine.training.NesterovSgd}
 * with clipping, {@link dev.segfold.engine.training.PolyLearningRate} per iteration) over batches
 * from a {@link dev.segfold.engine.training.BatchSource}, reports
 * {@link dev.segfold.engine.training.TrainingProgress} and writes resumable checkpoints.
 */
package dev.segfold.engine.training;
