package dev.segfold.evaluator.service;

import dev.segfold.contracts.checkpoint.CheckpointManifest;
import java.util.Optional;

/** Whether a checkpoint's evaluation is due, decided from the manifest, the run's choice and storage. */
public enum EvaluationDecision {
    /** Validate it. */
    EVALUATE(null),
    /**
     * The manifest is gone: deleted after its notification was sent (an evaluator catching up
     * after an outage reads notifications of checkpoints the trainer has pruned since).
     */
    GONE("the manifest no longer exists (pruned by the trainer's keepCheckpoints or deleted since the notification)"),
    /** A non-final checkpoint of a run that evaluates only the final one. */
    NOT_FINAL("not the final checkpoint and the run does not evaluate every checkpoint"),
    /** The fold's validation output already belongs to this manifest: a replayed notification. */
    ALREADY_EVALUATED("already evaluated (validation marker holds this manifest's digest)"),
    /** The fold's validation output belongs to a later or final checkpoint. */
    SUPERSEDED("the fold's validation output belongs to a later or final checkpoint");

    private final String reason;

    EvaluationDecision(String reason) {
        this.reason = reason;
    }

    /** Why nothing is done, for the log; null for {@link #EVALUATE}. */
    public String reason() {
        return reason;
    }

    /**
     * Decides.
     *
     * @param manifest         the checkpoint's manifest
     * @param evaluateEvery    whether the run evaluates non-final checkpoints too
     * @param marker           the fold's {@code validation/evaluated.json}, if readable
     * @param summaryExists    whether the fold's {@code validation/summary.json} exists
     */
    public static EvaluationDecision decide(CheckpointManifest manifest, boolean evaluateEvery,
                                            Optional<EvaluationMarker> marker, boolean summaryExists) {
        if (!manifest.finalCheckpoint() && !evaluateEvery) {
            return NOT_FINAL;
        }
        if (summaryExists && marker.isPresent()) {
            if (marker.get().records(manifest)) {
                return ALREADY_EVALUATED;
            }
            if (marker.get().outranks(manifest)) {
                return SUPERSEDED;
            }
        }
        return EVALUATE;
    }
}
