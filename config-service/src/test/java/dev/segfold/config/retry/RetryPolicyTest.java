package dev.segfold.config.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.contracts.events.FailurePhase;
import dev.segfold.contracts.events.FoldFailed;
import dev.segfold.contracts.events.FoldId;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private static final FoldId FOLD = new FoldId("r1", "3d_fullres", 0, 2);
    private static final Instant T = Instant.parse("2026-12-07T12:00:00Z");
    private final RetryPolicy policy = new RetryPolicy(3, Duration.ofSeconds(30), Duration.ofMinutes(1));

    private static FoldFailed failed(int attempt, boolean retryable) {
        return new FoldFailed(FOLD, FailurePhase.TRAINING, "ObjectStoreException: connection refused", retryable, T,
                attempt);
    }

    @Test
    void retryableTrainingFailuresAreRetriedWithGrowingBackoffUntilTheLimit() {
        FoldAttempts first = FoldAttempts.first(FOLD, T);
        var one = assertInstanceOf(RetryPolicy.Decision.Retry.class, policy.decide(failed(1, true), first));
        assertEquals(2, one.nextAttempt());
        assertEquals(Duration.ofSeconds(30), one.delay());
        FoldAttempts second = first.retried(2, T);
        var two = assertInstanceOf(RetryPolicy.Decision.Retry.class, policy.decide(failed(2, true), second));
        assertEquals(3, two.nextAttempt());
        assertEquals(Duration.ofSeconds(60), two.delay());
        var third = assertInstanceOf(RetryPolicy.Decision.GiveUp.class,
                policy.decide(failed(3, true), second.retried(3, T)));
        assertEquals(3, third.attempts());
        assertEquals(Duration.ofMinutes(1), policy.delay(7), "capped at max-backoff");
    }

    @Test
    void aFailureThatCannotHealGivesUpAtOnceInAnyPhase() {
        assertEquals(1, assertInstanceOf(RetryPolicy.Decision.GiveUp.class,
                policy.decide(failed(1, false), FoldAttempts.first(FOLD, T))).attempts());
        FoldFailed evaluation = new FoldFailed(FOLD, FailurePhase.EVALUATION, "model.params: SHA-256 differs", false, T);
        assertInstanceOf(RetryPolicy.Decision.GiveUp.class, policy.decide(evaluation, FoldAttempts.first(FOLD, T)));
        FoldFailed waiting = new FoldFailed(FOLD, FailurePhase.EVALUATION, "run.json missing", true, T);
        assertInstanceOf(RetryPolicy.Decision.Ignore.class, policy.decide(waiting, FoldAttempts.first(FOLD, T)));
    }

    @Test
    void aRetryableEvaluationFailureAnnouncesTheCheckpointAgainUntilTheLimitAndAnswersEachFailureOnce() {
        String manifest = "r1/3d_fullres/fold2/iter_20/checkpoint.json";
        FoldFailed first = new FoldFailed(FOLD, FailurePhase.EVALUATION, "object store away", true, T, 1);
        EvaluationRetries none = EvaluationRetries.none(FOLD, manifest, T);
        var again = assertInstanceOf(RetryPolicy.Decision.Reevaluate.class, policy.decideEvaluation(first, none));
        assertEquals(1, again.retry());
        assertEquals(Duration.ofSeconds(30), again.delay());
        EvaluationRetries once = none.announced(1, first.time(), T);
        assertInstanceOf(RetryPolicy.Decision.Ignore.class, policy.decideEvaluation(first, once),
                "the replay of an answered failure does nothing");
        FoldFailed second = new FoldFailed(FOLD, FailurePhase.EVALUATION, "object store away", true, T.plusSeconds(40), 1);
        var twice = assertInstanceOf(RetryPolicy.Decision.Reevaluate.class, policy.decideEvaluation(second, once));
        assertEquals(Duration.ofSeconds(60), twice.delay());
        FoldFailed third = new FoldFailed(FOLD, FailurePhase.EVALUATION, "object store away", true, T.plusSeconds(120), 1);
        assertEquals(3, assertInstanceOf(RetryPolicy.Decision.GiveUp.class,
                policy.decideEvaluation(third, once.announced(2, second.time(), T))).attempts(), "3 evaluations failed");
    }

    @Test
    void answeredFailuresAndCancellationsAreLeftAlone() {
        FoldAttempts retried = FoldAttempts.first(FOLD, T).retried(2, T);
        assertInstanceOf(RetryPolicy.Decision.Ignore.class, policy.decide(failed(1, true), retried),
                "replayed: attempt 2 was requested already");
        FoldAttempts gaveUp = retried.retried(3, T).gaveUp(3, T);
        assertInstanceOf(RetryPolicy.Decision.Ignore.class, policy.decide(failed(3, true), gaveUp));
        FoldFailed cancelled = new FoldFailed(FOLD, FailurePhase.TRAINING, "cancelled: the run was cancelled", false, T);
        assertInstanceOf(RetryPolicy.Decision.Ignore.class, policy.decide(cancelled, FoldAttempts.first(FOLD, T)));
    }

    @Test
    void aUsersRetryStartsANewRoundOfAttempts() {
        FoldAttempts round = FoldAttempts.first(FOLD, T).retried(3, T).gaveUp(3, T).newRound(4, T);
        var next = assertInstanceOf(RetryPolicy.Decision.Retry.class, policy.decide(failed(4, true), round));
        assertEquals(5, next.nextAttempt());
        assertEquals(Duration.ofSeconds(30), next.delay(), "the backoff starts over too");
        assertInstanceOf(RetryPolicy.Decision.GiveUp.class, policy.decide(failed(6, true), round.retried(6, T)));
    }

    @Test
    void settingsAreChecked() {
        var e = assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO));
        assertTrue(e.getMessage().contains("max-attempts"), e.getMessage());
        assertTrue(FoldAttempts.key(FOLD).equals("r1/attempts/3d_fullres/fold2.json"), FoldAttempts.key(FOLD));
    }
}
