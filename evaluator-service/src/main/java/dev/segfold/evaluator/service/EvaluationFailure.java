package dev.segfold.evaluator.service;

import dev.segfold.contracts.events.FoldId;

/** Evaluating a checkpoint failed; becomes a {@code FoldFailed} whose reason is this message. */
public class EvaluationFailure extends Exception {
    private final transient FoldId fold;
    private final boolean retryable;

    public EvaluationFailure(FoldId fold, String reason, boolean retryable) {
        super(reason);
        this.fold = fold;
        this.retryable = retryable;
    }

    /** The fold the checkpoint belongs to. */
    public FoldId fold() {
        return fold;
    }

    /** Whether the same notification may succeed later (storage unreachable, run not yet accepted). */
    public boolean retryable() {
        return retryable;
    }
}
