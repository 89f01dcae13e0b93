package dev.segfold.contracts.events;

import java.time.Instant;

/**
 * Work on a fold failed.
 *
 * @param fold      which fold
 * @param phase     where it failed
 * @param reason    what went wrong, for a person
 * @param retryable true if the same request may succeed later (resources, transient I/O)
 * @param time      when
 * @param attempt   which attempt at the fold's work failed: the {@link FoldTrainingRequested#attempt()}
 *                  a trainer worked on, 1 for the first; events written before attempts were
 *                  counted (and services that do not count them) read as 1
 */
public record FoldFailed(FoldId fold, FailurePhase phase, String reason, boolean retryable,
                         Instant time, int attempt) implements FoldEvent {

    /** The CloudEvents type. */
    public static final String TYPE = "dev.segfold.fold.failed";

    /** Requires every field. */
    public FoldFailed {
        Require.present("FoldFailed", "fold", fold);
        Require.present("FoldFailed", "phase", phase);
        Require.text("FoldFailed", "reason", reason);
        Require.present("FoldFailed", "time", time);
        // absent in JSON written before attempts were counted: that was a first attempt
        attempt = attempt == 0 ? 1 : attempt;
        if (attempt < 0) {
            throw new IllegalArgumentException("FoldFailed.attempt: " + attempt + " is negative");
        }
    }

    /** A failure of the first attempt. */
    public FoldFailed(FoldId fold, FailurePhase phase, String reason, boolean retryable, Instant time) {
        this(fold, phase, reason, retryable, time, 1);
    }

    @Override
    public EventType type() {
        return EventType.FOLD_FAILED;
    }
}
