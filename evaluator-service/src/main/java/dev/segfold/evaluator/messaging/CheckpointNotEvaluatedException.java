package dev.segfold.evaluator.messaging;

/**
 * A notification's checkpoint could not be evaluated (already announced as {@code FoldFailed});
 * thrown so the record lands in the dead-letter topic, from where it can be replayed.
 */
public class CheckpointNotEvaluatedException extends RuntimeException {
    public CheckpointNotEvaluatedException(String reason) {
        super(reason);
    }
}
