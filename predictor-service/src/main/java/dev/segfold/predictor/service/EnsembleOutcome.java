package dev.segfold.predictor.service;

import java.util.List;

/**
 * What handling one {@code FoldEvaluated} led to, for logs and tests.
 *
 * @param state  what happened
 * @param detail for a person: which folds are missing, which cases were written, why it failed
 */
public record EnsembleOutcome(State state, String detail) {

    /** The closed set of results. */
    public enum State {
        /** Some expected fold has no validation summary or no final checkpoint yet. */
        WAITING,
        /** The ensemble's marker exists: nothing to do. */
        ALREADY_DONE,
        /** The ensemble was built and announced. */
        PREDICTED,
        /** The event is about an earlier cascade stage; handed to the next-stage seam. */
        EARLIER_STAGE,
        /** The run cannot be ensembled; a RunFailed was published. */
        FAILED
    }

    static EnsembleOutcome waiting(List<Integer> missing) {
        return new EnsembleOutcome(State.WAITING, "waiting for folds " + missing);
    }

    @Override
    public String toString() {
        return state + ": " + detail;
    }
}
