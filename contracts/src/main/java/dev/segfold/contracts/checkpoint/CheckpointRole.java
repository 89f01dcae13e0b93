package dev.segfold.contracts.checkpoint;

/**
 * What a checkpoint is for, as its manifest's {@code role} says. Absent in manifests written
 * before the best checkpoint existed: then {@code final} decides between {@link #PERIODIC} and
 * {@link #FINAL}.
 */
public enum CheckpointRole {
    /** Written every save interval in {@code iter_<n>/}; training resumes from the newest. */
    PERIODIC,
    /** The last iteration's, in {@code iter_<n>/}; evaluated, ensembled and packaged. */
    FINAL,
    /**
     * nnU-Net v2's {@code checkpoint_best}: the weights at the epoch with the highest moving
     * average of the validation pseudo-Dice, in {@code best/}, replaced whenever the average
     * improves. Kept beside the final checkpoint for whoever wants it; never resumed (it has no
     * optimizer state) and not evaluated.
     */
    BEST
}
