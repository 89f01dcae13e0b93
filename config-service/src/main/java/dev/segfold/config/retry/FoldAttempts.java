package dev.segfold.config.retry;

import dev.segfold.contracts.events.FoldId;
import dev.segfold.contracts.storage.KeySegments;
import dev.segfold.contracts.storage.RunLayout;
import java.time.Instant;

/**
 * The attempts at one fold, as the config-service decided them; stored as
 * {@code segfold-runs/<run>/attempts/<configuration>/fold<k>.json}. It is what makes a decision
 * happen once: a failure of an attempt older than {@link #attempt()} was already answered by a
 * retry, and one at or below {@link #gaveUpAt()} by giving up.
 *
 * @param fold       the fold
 * @param attempt    the newest attempt requested (1 = the run's own request)
 * @param roundStart the first attempt of the current round: 1, or the attempt a
 *                   {@code POST /runs/{id}/retry} requested; the limit counts from here
 * @param gaveUpAt   the attempt after whose failure the fold failed for good, or null
 * @param updatedAt  when this was last written
 */
public record FoldAttempts(FoldId fold, int attempt, int roundStart, Integer gaveUpAt, Instant updatedAt) {

    /** Validates the counts. */
    public FoldAttempts {
        if (fold == null || attempt < 1 || roundStart < 1 || roundStart > attempt) {
            throw new IllegalArgumentException("FoldAttempts: fold " + fold + ", attempt " + attempt + ", roundStart "
                    + roundStart + " (need 1 <= roundStart <= attempt)");
        }
    }

    /** A fold nobody retried yet: its first attempt is the run's own request. */
    public static FoldAttempts first(FoldId fold, Instant now) {
        return new FoldAttempts(fold, 1, 1, null, now);
    }

    /** The key in the runs bucket. */
    public static String key(FoldId fold) {
        return RunLayout.of(fold.runId()).prefix() + "attempts/"
                + KeySegments.require("configuration", fold.configuration()) + "/fold" + fold.fold() + ".json";
    }

    /** Attempts made in the current round, counting {@code failedAttempt}. */
    public int attemptsInRound(int failedAttempt) {
        return failedAttempt - roundStart + 1;
    }

    /** After an automatic retry: the next attempt in the same round. */
    public FoldAttempts retried(int next, Instant now) {
        return new FoldAttempts(fold, next, roundStart, null, now);
    }

    /** After a user's retry: a new round starting at {@code next}. */
    public FoldAttempts newRound(int next, Instant now) {
        return new FoldAttempts(fold, next, next, null, now);
    }

    /** The fold failed for good with {@code failedAttempt}. */
    public FoldAttempts gaveUp(int failedAttempt, Instant now) {
        return new FoldAttempts(fold, Math.max(attempt, failedAttempt), roundStart, failedAttempt, now);
    }
}
