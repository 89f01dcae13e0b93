package dev.segfold.contracts.events;

import java.time.Instant;

/**
 * A run that cannot go on (invalid data set, every trainer failed, cancelled).
 *
 * @param runId  the run
 * @param reason what went wrong, for a person
 * @param time   when
 */
public record RunFailed(String runId, String reason, Instant time) implements RunEvent {

    /** The CloudEvents type. */
    public static final String TYPE = "dev.segfold.run.failed";

    /** Requires a run id, a reason and a time. */
    public RunFailed {
        Require.segment("RunFailed", "runId", runId);
        Require.text("RunFailed", "reason", reason);
        Require.present("RunFailed", "time", time);
    }

    @Override
    public EventType type() {
        return EventType.RUN_FAILED;
    }
}
