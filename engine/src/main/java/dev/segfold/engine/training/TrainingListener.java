package dev.segfold.engine.training;

import dev.segfold.engine.training.checkpoint.CheckpointManifest;
import java.nio.file.Path;

/** Receives a fold's progress on the training thread; keep handlers short. */
public interface TrainingListener {
    void onProgress(TrainingProgress progress);

    /**
     * A time budget's count was fitted again from the fold's own iterations (see {@link BudgetRefit};
     * every tenth of the way until nineteen twentieths): later progress, checkpoints and the schedule use
     * {@code fit.iterations()}.
     */
    default void onIterationsRefitted(IterationFit fit) {}

    /** A checkpoint is complete (its manifest is written). */
    default void onCheckpoint(Path directory, CheckpointManifest manifest) {}

    /**
     * The best checkpoint by the validation moving average was (re)written into {@code directory}
     * ({@code <root>/best/}); called after the progress report of its epoch.
     */
    default void onBestCheckpoint(Path directory, CheckpointManifest manifest) {}

    /**
     * Asked before every iteration: true makes the trainer save a checkpoint of the iteration it
     * reached (unless it just saved one) and stop, so a process that is asked to shut down loses no
     * work. The outcome then reads {@code cancelled}, with that checkpoint as its last.
     */
    default boolean checkpointAndStopRequested() {
        return false;
    }

    TrainingListener NONE = p -> { };
}
