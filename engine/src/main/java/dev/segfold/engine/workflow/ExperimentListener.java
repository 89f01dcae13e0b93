package dev.segfold.engine.workflow;

import dev.segfold.engine.training.TrainingProgress;

/** Hears what a local experiment is doing; the command line prints it. */
public interface ExperimentListener {
    /** A step started or finished, in words. */
    void onStep(String message);

    /** Training progress of a fold. */
    default void onTraining(int fold, TrainingProgress progress) {}

    ExperimentListener SILENT = message -> { };
}
