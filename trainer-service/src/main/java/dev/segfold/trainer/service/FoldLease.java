package dev.segfold.trainer.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Who trains a fold right now: {@code <run>/<configuration>/fold<k>/trainer.lease} in the runs
 * bucket, renewed while training and deleted at the end. A consumer-group rebalance can hand a
 * request that is still being trained to a second trainer; the second one sees a fresh lease of
 * another holder and waits instead of training the same fold twice. A lease not renewed for its
 * time to live belongs to a trainer that died, and is taken over.
 *
 * @param holder    the trainer instance
 * @param renewedAt when the holder last renewed it
 */
public record FoldLease(String holder, Instant renewedAt) {
    /** The lease's object name inside the fold prefix. */
    public static final String NAME = "trainer.lease";

    /** Requires both fields. */
    public FoldLease {
        if (holder == null || holder.isBlank()) {
            throw new IllegalArgumentException("FoldLease.holder is missing");
        }
        if (renewedAt == null) {
            throw new IllegalArgumentException("FoldLease.renewedAt is missing");
        }
    }

    /**
     * Whether {@code current} keeps {@code me} from training: it exists, names someone else and was
     * renewed less than {@code ttl} before {@code now}.
     */
    public static boolean heldByOther(Optional<FoldLease> current, String me, Instant now, Duration ttl) {
        return current.isPresent() && !current.get().holder().equals(me)
                && current.get().renewedAt().plus(ttl).isAfter(now);
    }
}
