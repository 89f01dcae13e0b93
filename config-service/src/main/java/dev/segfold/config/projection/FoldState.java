package dev.segfold.config.projection;

/** Where a fold stands, as far as the status events tell. */
public enum FoldState {
    /** Trained elsewhere; its checkpoint has not been uploaded yet. */
    AWAITING_UPLOAD,
    /** A later cascade stage, waiting for the first stage's next-stage predictions. */
    WAITING,
    /** Requested from the trainers. */
    REQUESTED,
    /** A trainer reports progress. */
    TRAINING,
    /** A checkpoint was written; training goes on. */
    CHECKPOINTED,
    /** The final checkpoint was written; evaluation follows. */
    TRAINED,
    /** The final checkpoint was validated: Dice and postprocessing are known. */
    EVALUATED,
    /** Work on the fold failed. */
    FAILED,
    /** The run was cancelled before the fold finished. */
    CANCELLED;

    /** Whether nothing more is expected for the fold. */
    public boolean terminal() {
        return this == EVALUATED || this == FAILED || this == CANCELLED;
    }
}
