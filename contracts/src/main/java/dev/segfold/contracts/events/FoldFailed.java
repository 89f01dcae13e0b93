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
 */
public record FoldFailed(FoldId fold, FailurePhase phase, String reason, boolean retryable,
                         Instant time) implements FoldEvent {

    /** The CloudEvents type. */
    public static final String TYPE = "dev.segfold.fold.failed";

    /** Requires every field. */
    public FoldFailed {
        Require.present("FoldFailed", "fold", fold);
        Require.present("FoldFailed", "phase", phase);
        Require.text("FoldFailed", "reason", reason);
        Require.present("FoldFailed", "time", time);
    }

    @Override
    public EventType type() {
        return EventType.FOLD_FAILED;
    }
}
