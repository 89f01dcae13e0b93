package dev.segfold.config.retry;

import dev.segfold.contracts.events.FailurePhase;
import dev.segfold.contracts.events.FoldFailed;
import java.time.Duration;

/**
 * Decides what a fold's failure leads to; pure logic, no storage or Kafka.
 *
 * <ul>
 *   <li>a cancellation, or a failure already answered (an older attempt than the newest requested,
 *       or one the fold already gave up on): nothing;</li>
 *   <li>a failure that cannot heal ({@code retryable=false}), in any phase: the fold fails for good;</li>
 *   <li>a retryable training failure: training is requested again as the next attempt after
 *       {@code backoff x 2^(n-1)} (at most {@code maxBackoff}), n the attempts of this round so far,
 *       until {@code maxAttempts} attempts failed; then the fold fails for good;</li>
 *   <li>a retryable evaluation failure of the final checkpoint ({@link #decideEvaluation}): the
 *       checkpoint is announced to the evaluator again (its manifest written again, so a bucket
 *       notification goes out) after the same backoff, until {@code maxAttempts} evaluations
 *       failed; then the fold fails for good. The evaluator is triggered by a checkpoint landing,
 *       not by a fold request, so a training request would not redo its work;</li>
 *   <li>a retryable failure in another phase (prediction): nothing here.</li>
 * </ul>
 *
 * @param maxAttempts attempts per round, the first included (at least 1)
 * @param backoff     wait before the second attempt
 * @param maxBackoff  the longest wait
 */
public record RetryPolicy(int maxAttempts, Duration backoff, Duration maxBackoff) {

    /** {@code FoldFailed.reason} of a fold stopped by a cancellation starts with this. */
    public static final String CANCELLED_PREFIX = "cancelled";

    /** Validates the settings, naming the configuration key. */
    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("segfold.config.retry.max-attempts: " + maxAttempts + " is below 1");
        }
        if (backoff.isNegative() || maxBackoff.isNegative()) {
            throw new IllegalArgumentException("segfold.config.retry.backoff/max-backoff: negative ("
                    + backoff + ", " + maxBackoff + ")");
        }
    }

    /** What a failure leads to. */
    public sealed interface Decision {
        /** Nothing to do, and why. */
        record Ignore(String why) implements Decision {
        }

        /** Request {@code nextAttempt} after {@code delay} (counted from the failure). */
        record Retry(int nextAttempt, Duration delay) implements Decision {
        }

        /** The fold failed for good after {@code attempts} attempts of this round. */
        record GiveUp(int attempts) implements Decision {
        }

        /** Announce the final checkpoint to the evaluator again, as retry {@code retry}, after {@code delay}. */
        record Reevaluate(int retry, Duration delay) implements Decision {
        }
    }

    /** The decision for {@code failed}, given what was decided for its fold so far. */
    public Decision decide(FoldFailed failed, FoldAttempts attempts) {
        if (failed.reason().startsWith(CANCELLED_PREFIX)) {
            return new Decision.Ignore("the run was cancelled");
        }
        if (attempts.gaveUpAt() != null && failed.attempt() <= attempts.gaveUpAt()) {
            return new Decision.Ignore("the fold already failed for good with attempt " + attempts.gaveUpAt());
        }
        if (failed.phase() == FailurePhase.TRAINING && failed.attempt() < attempts.attempt()) {
            return new Decision.Ignore("attempt " + attempts.attempt() + " was already requested");
        }
        int inRound = Math.max(1, attempts.attemptsInRound(failed.attempt()));
        if (!failed.retryable()) {
            return new Decision.GiveUp(inRound);
        }
        if (failed.phase() != FailurePhase.TRAINING) {
            return new Decision.Ignore("a retryable " + failed.phase() + " failure is redone by a new checkpoint, "
                    + "not by a training request");
        }
        if (inRound >= maxAttempts) {
            return new Decision.GiveUp(inRound);
        }
        return new Decision.Retry(failed.attempt() + 1, delay(inRound));
    }

    /**
     * The decision for a failed evaluation of a fold's final checkpoint.
     *
     * @param retries the announcements already made for that checkpoint
     */
    public Decision decideEvaluation(FoldFailed failed, EvaluationRetries retries) {
        if (failed.reason().startsWith(CANCELLED_PREFIX)) {
            return new Decision.Ignore("the run was cancelled");
        }
        if (retries.answers(failed.time())) {
            return new Decision.Ignore("the evaluation failure of " + failed.time() + " was already answered");
        }
        int evaluations = retries.retries() + 1;
        if (!failed.retryable() || evaluations >= maxAttempts) {
            return new Decision.GiveUp(evaluations);
        }
        return new Decision.Reevaluate(evaluations, delay(evaluations));
    }

    /** The wait after the {@code failedInRound}-th failed attempt of a round. */
    public Duration delay(int failedInRound) {
        Duration d = backoff;
        for (int i = 1; i < failedInRound && d.compareTo(maxBackoff) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }
}
