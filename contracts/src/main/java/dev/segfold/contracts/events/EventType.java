package dev.segfold.contracts.events;

import java.util.Arrays;
import java.util.Optional;

/**
 * The closed set of event types, each with its CloudEvents {@code type} name (reverse-DNS,
 * {@code dev.segfold.<scope>.<what>}) and its record class.
 */
public enum EventType {
    /** A run request was received. */
    RUN_REQUESTED(RunRequested.TYPE, RunRequested.class),
    /** A run was validated; its folds are being requested. */
    RUN_ACCEPTED(RunAccepted.TYPE, RunAccepted.class),
    /** A run cannot go on. */
    RUN_FAILED(RunFailed.TYPE, RunFailed.class),
    /** A fold of a stage is to be trained. */
    FOLD_TRAINING_REQUESTED(FoldTrainingRequested.TYPE, FoldTrainingRequested.class),
    /** A trainer has its fold's preprocessed cases: a cache hit or a miss, with the cache key. */
    FOLD_PREPROCESSED(FoldPreprocessed.TYPE, FoldPreprocessed.class),
    /** Training progress of a fold, every log interval. */
    FOLD_PROGRESS(FoldProgress.TYPE, FoldProgress.class),
    /** A checkpoint and its manifest were written. */
    FOLD_CHECKPOINTED(FoldCheckpointed.TYPE, FoldCheckpointed.class),
    /** A checkpoint was validated: Dice per class, postprocessing chosen. */
    FOLD_EVALUATED(FoldEvaluated.TYPE, FoldEvaluated.class),
    /** A fold's low-res predictions for the next cascade stage are stored. */
    NEXT_STAGE_PREDICTED(NextStagePredicted.TYPE, NextStagePredicted.class),
    /** Work on a fold failed. */
    FOLD_FAILED(FoldFailed.TYPE, FoldFailed.class),
    /** The ensemble of all folds predicted the test set. */
    ENSEMBLE_PREDICTED(EnsemblePredicted.TYPE, EnsemblePredicted.class),
    /** The submission archive and the fold bundles are stored. */
    SUBMISSION_READY(SubmissionReady.TYPE, SubmissionReady.class);

    private final String ceType;
    private final Class<? extends SegfoldEvent> eventClass;

    EventType(String ceType, Class<? extends SegfoldEvent> eventClass) {
        this.ceType = ceType;
        this.eventClass = eventClass;
    }

    /** The CloudEvents type, e.g. {@code dev.segfold.fold.progress}. */
    public String ceType() {
        return ceType;
    }

    /** The record class carrying this type. */
    public Class<? extends SegfoldEvent> eventClass() {
        return eventClass;
    }

    /** The type with CloudEvents name {@code ceType}, if any. */
    public static Optional<EventType> fromCeType(String ceType) {
        return Arrays.stream(values()).filter(t -> t.ceType.equals(ceType)).findFirst();
    }
}
