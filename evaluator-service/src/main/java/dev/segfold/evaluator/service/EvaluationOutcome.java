package dev.segfold.evaluator.service;

import dev.segfold.contracts.events.FoldEvaluated;
import dev.segfold.contracts.events.FoldFailed;

/** What handling one checkpoint notification came to. */
public sealed interface EvaluationOutcome {

    /** Validated and published. */
    record Evaluated(FoldEvaluated event) implements EvaluationOutcome {
    }

    /** Nothing to do (not final, already evaluated, superseded). */
    record Skipped(EvaluationDecision decision) implements EvaluationOutcome {
    }

    /** Failed and announced as {@code FoldFailed}; the notification belongs in the dead-letter topic. */
    record Failed(FoldFailed event) implements EvaluationOutcome {
    }
}
