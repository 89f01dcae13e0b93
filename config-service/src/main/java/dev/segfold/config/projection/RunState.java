package dev.segfold.config.projection;

/** Where a run stands, as far as the status events tell. */
public enum RunState {
    /** The request was received and is being planned. */
    REQUESTED,
    /** Planned; its folds were requested. */
    ACCEPTED,
    /** At least one fold reports progress or results. */
    RUNNING,
    /** The ensemble of the folds predicted the test set. */
    ENSEMBLED,
    /** The submission archive is stored. */
    COMPLETED,
    /** The run cannot go on. */
    FAILED,
    /** A user cancelled it. */
    CANCELLED;

    /** Whether nothing more is expected for the run. */
    public boolean terminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
}
