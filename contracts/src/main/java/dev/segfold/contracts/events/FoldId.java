package dev.segfold.contracts.events;

import dev.segfold.contracts.storage.FoldLayout;
import dev.segfold.contracts.storage.RunLayout;
import dev.segfold.contracts.topics.EventKeys;

/**
 * Which fold an event is about: run, configuration of the stage, cascade stage, fold.
 *
 * @param runId         the run
 * @param configuration the stage's configuration, e.g. {@code 3d_lowres}; names the storage prefix
 * @param stage         the cascade stage, 0 for the first
 * @param fold          the cross-validation fold
 */
public record FoldId(String runId, String configuration, int stage, int fold) {

    /** Validates every part as the key scheme and the storage layout require. */
    public FoldId {
        Require.segment("FoldId", "runId", runId);
        Require.segment("FoldId", "configuration", configuration);
        if (stage < 0 || stage > 99) {
            throw new IllegalArgumentException("FoldId.stage " + stage + " is outside 0..99");
        }
        if (fold < 0 || fold > FoldLayout.MAX_FOLD) {
            throw new IllegalArgumentException("FoldId.fold " + fold + " is outside 0.." + FoldLayout.MAX_FOLD);
        }
    }

    /** The Kafka key {@code runId/stage/fold}. */
    public String key() {
        return EventKeys.fold(runId, stage, fold);
    }

    /** The fold's storage prefix {@code <run>/<configuration>/fold<k>/} and everything under it. */
    public FoldLayout layout() {
        return RunLayout.of(runId).fold(configuration, fold);
    }
}
