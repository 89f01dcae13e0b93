package dev.segfold.contracts.events;

import java.time.Instant;

/**
 * A trainer wrote a checkpoint and, last, its manifest. Published on {@code segfold.status}; the
 * evaluator reacts to the manifest's bucket notification instead, so that checkpoints uploaded
 * from anywhere are handled the same way.
 *
 * @param fold            which fold
 * @param iteration       the checkpoint's iteration
 * @param finalCheckpoint true for the checkpoint after the last iteration
 * @param manifestKey     key of {@code checkpoint.json} in the runs bucket
 * @param manifestDigest  {@code CheckpointManifest.contentDigest()}
 * @param time            when
 */
public record FoldCheckpointed(FoldId fold, int iteration, boolean finalCheckpoint, String manifestKey,
                               String manifestDigest, Instant time) implements FoldEvent {

    /** The CloudEvents type. */
    public static final String TYPE = "dev.segfold.fold.checkpointed";

    /** Validates the fold, key and digest. */
    public FoldCheckpointed {
        Require.present("FoldCheckpointed", "fold", fold);
        Require.notNegative("FoldCheckpointed", "iteration", iteration);
        Require.key("FoldCheckpointed", "manifestKey", manifestKey);
        Require.sha256("FoldCheckpointed", "manifestDigest", manifestDigest);
        Require.present("FoldCheckpointed", "time", time);
    }

    @Override
    public EventType type() {
        return EventType.FOLD_CHECKPOINTED;
    }
}
