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
    /**
     * A cascade's first-stage fold whose validation cases were predicted for the next stage
     * ({@code NextStagePredicted}): nothing more is expected from it.
     */
    NEXT_STAGE_PREDICTED,
    /** Work on the fold failed. */
    FAILED,
    /** The run was cancelled before the fold finished. */
    CANCELLED;

    /** Whether nothing more is expected for the fold. */
    public boolean terminal() {
        return this == EVALUATED || this == NEXT_STAGE_PREDICTED || this == FAILED || this == CANCELLED;
    }
}
