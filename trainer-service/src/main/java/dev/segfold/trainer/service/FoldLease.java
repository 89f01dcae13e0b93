package dev.segfold.trainer.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Who trains a fold right now: {@code <run>/<configuration>/fold<k>/trainer.lease} in the runs
 * bucket, renewed on its own timer while the fold trains and deleted at the end. A lease not
 * renewed for its time to live belongs to a trainer that died, and is taken over with the next
 * generation. The generation is the fencing token: a trainer writes a checkpoint manifest only
 * while the lease still names it with the generation it took (see {@link LeaseKeeper}).
 *
 * @param holder     the trainer instance
 * @param generation how many times the fold's lease was taken, counting this holder (1, 2, ...)
 * @param renewedAt  when the holder last renewed it
 * @param expiresAt  when it expires unless renewed (renewedAt plus the holder's time to live), for
 *                   readers that do not know the trainers' settings (the config-service shows a fold
 *                   whose lease expired as stalled); null in leases of older trainers
 */
public record FoldLease(String holder, long generation, Instant renewedAt, Instant expiresAt) {
    /** The lease's object name inside the fold prefix ({@code FoldLayout.trainerLease()}). */
    public static final String NAME = "trainer.lease";

    /** A lease renewed at {@code renewedAt} that lives {@code ttl}. */
    public static FoldLease of(String holder, long generation, Instant renewedAt, Duration ttl) {
        return new FoldLease(holder, generation, renewedAt, renewedAt.plus(ttl));
    }

    /** Requires holder and time; a lease written before generations existed reads as generation 0. */
    public FoldLease {
        if (holder == null || holder.isBlank()) {
            throw new IllegalArgumentException("FoldLease.holder is missing");
        }
        if (renewedAt == null) {
            throw new IllegalArgumentException("FoldLease.renewedAt is missing");
        }
        if (generation < 0) {
            throw new IllegalArgumentException("FoldLease.generation " + generation + " is negative");
        }
    }

    /** Whether its holder renewed it less than {@code ttl} before {@code now}. */
    public boolean liveAt(Instant now, Duration ttl) {
        return renewedAt.plus(ttl).isAfter(now);
    }

    /** Whether this is the lease {@code holder} took as {@code generation}. */
    public boolean is(String holder, long generation) {
        return this.holder.equals(holder) && this.generation == generation;
    }

    /**
     * Whether {@code current} keeps {@code me} from training: it exists, names someone else and was
     * renewed less than {@code ttl} before {@code now}.
     */
    public static boolean heldByOther(Optional<FoldLease> current, String me, Instant now, Duration ttl) {
        return current.isPresent() && !current.get().holder().equals(me) && current.get().liveAt(now, ttl);
    }

    /** The age of the lease at {@code now}. */
    public Duration age(Instant now) {
        return Duration.between(renewedAt, now);
    }
}
