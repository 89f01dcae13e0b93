package dev.segfold.contracts.events;

/** The step of a fold's life in which work failed. */
public enum FailurePhase {
    /** Preprocessing or training. */
    TRAINING,
    /** Validation, Dice, postprocessing choice. */
    EVALUATION,
    /** Next-stage or ensemble prediction. */
    PREDICTION,
    /** Building the archives. */
    PACKAGING
}
