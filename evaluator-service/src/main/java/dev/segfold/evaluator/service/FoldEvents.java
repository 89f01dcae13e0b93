package dev.segfold.evaluator.service;

import dev.segfold.contracts.events.FoldEvaluated;
import dev.segfold.contracts.events.FoldFailed;

/** Where the outcome of an evaluation is announced; each call returns once the broker acknowledged it. */
public interface FoldEvents {
    /** On {@code segfold.evaluations} and as a status event. */
    void evaluated(FoldEvaluated event);

    /** As a status event. */
    void failed(FoldFailed event);
}
