package dev.segfold.contracts.topics;

import dev.segfold.contracts.storage.KeySegments;

/**
 * A parsed message key: a run, or one fold of one stage of a run.
 *
 * @param runId the run
 * @param stage the cascade stage (0 for the first), null for a run-scoped key
 * @param fold  the fold, null for a run-scoped key
 */
public record EventKey(String runId, Integer stage, Integer fold) {

    /** Validates the run id and requires stage and fold to be both present or both absent. */
    public EventKey {
        KeySegments.require("runId", runId);
        if ((stage == null) != (fold == null)) {
            throw new IllegalArgumentException("event key of run " + runId
                    + " needs both stage and fold or neither");
        }
        if (stage != null && (stage < 0 || stage > 99 || fold < 0 || fold > 99)) {
            throw new IllegalArgumentException("event key of run " + runId + ": stage " + stage
                    + " and fold " + fold + " must be in 0..99");
        }
    }

    /** True for {@code runId/stage/fold}. */
    public boolean foldScoped() {
        return fold != null;
    }

    /** The key as sent on Kafka. */
    @Override
    public String toString() {
        return foldScoped() ? runId + "/" + stage + "/" + fold : runId;
    }
}
