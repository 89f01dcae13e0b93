package dev.segfold.engine.training;

import java.nio.file.Path;

/**
 * How a call to {@link FoldTrainer#train} ended.
 *
 * @param startIteration iteration the call started at (non-zero after a resume)
 * @param completedIterations iterations done in total
 * @param cancelled stopped before the end: the cancel flag, or a checkpoint-and-stop request of the listener
 * @param lastCheckpoint newest checkpoint directory written by this call, or null
 * @param lastLoss loss of the last iteration (NaN if none ran)
 */
public record TrainingOutcome(int startIteration, int completedIterations, boolean cancelled, Path lastCheckpoint,
        double lastLoss) {}
