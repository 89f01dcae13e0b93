package dev.segfold.config.retry;

import dev.segfold.contracts.events.FoldId;
import dev.segfold.contracts.storage.KeySegments;
import dev.segfold.contracts.storage.RunLayout;
import java.time.Instant;

/**
 * How often a fold's final checkpoint was announced again to the evaluator after a retryable
 * evaluation failure; stored as {@code segfold-runs/<run>/attempts/<configuration>/fold<k>-evaluation.json}.
 * {@link #answered()} is the time of the newest failure acted on, so that the replay of
 * {@code segfold.status} at a start answers no failure twice.
 *
 * @param fold        the fold
 * @param manifestKey the checkpoint being evaluated; another checkpoint starts the count afresh
 * @param retries     announcements made so far for it
 * @param answered    the {@code FoldFailed.time} of the newest failure acted on, or null
 * @param updatedAt   when this was last written
 */
public record EvaluationRetries(FoldId fold, String manifestKey, int retries, Instant answered, Instant updatedAt) {

    /** Validates the count. */
    public EvaluationRetries {
        if (fold == null || manifestKey == null || retries < 0) {
            throw new IllegalArgumentException("EvaluationRetries: fold " + fold + ", manifestKey " + manifestKey
                    + ", retries " + retries);
        }
    }

    /** None yet for {@code manifestKey}. */
    public static EvaluationRetries none(FoldId fold, String manifestKey, Instant now) {
        return new EvaluationRetries(fold, manifestKey, 0, null, now);
    }

    /** The key in the runs bucket. */
    public static String key(FoldId fold) {
        return RunLayout.of(fold.runId()).prefix() + "attempts/"
                + KeySegments.require("configuration", fold.configuration()) + "/fold" + fold.fold() + "-evaluation.json";
    }

    /** Whether a failure of this time was already acted on. */
    public boolean answers(Instant failureTime) {
        return answered != null && !failureTime.isAfter(answered);
    }

    /** After announcing the checkpoint again as retry {@code retry}, answering the failure of {@code failureTime}. */
    public EvaluationRetries announced(int retry, Instant failureTime, Instant now) {
        return new EvaluationRetries(fold, manifestKey, retry, failureTime, now);
    }

    /** After giving up on the failure of {@code failureTime}. */
    public EvaluationRetries gaveUp(Instant failureTime, Instant now) {
        return new EvaluationRetries(fold, manifestKey, retries, failureTime, now);
    }
}
