package dev.segfold.trainer.service;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Whether a run was cancelled, as the engine asks before every iteration. The answer is the last
 * one looked up; {@link #refresh()} (called at each log interval) looks again at most once per
 * {@code ttl}, so an hour-long fold costs a handful of storage requests, not one per iteration.
 * Once cancelled, it stays cancelled.
 */
public final class CancelWatch implements BooleanSupplier {
    private final BooleanSupplier probe;
    private final long ttlNanos;
    private final LongSupplier clock;
    private volatile boolean cancelled;
    private long lastLook;
    private boolean looked;

    /**
     * @param probe asks storage whether the cancel marker exists
     * @param ttl   how long an answer is reused
     * @param clock nanosecond clock ({@link System#nanoTime} outside tests)
     */
    public CancelWatch(BooleanSupplier probe, Duration ttl, LongSupplier clock) {
        this.probe = probe;
        this.ttlNanos = ttl.toNanos();
        this.clock = clock;
    }

    /** Looks now, whatever the cache says; returns whether the run is cancelled. */
    public synchronized boolean checkNow() {
        lastLook = clock.getAsLong();
        looked = true;
        if (!cancelled && probe.getAsBoolean()) {
            cancelled = true;
        }
        return cancelled;
    }

    /** Looks again if the last answer is older than the cache interval; returns whether cancelled. */
    public synchronized boolean refresh() {
        if (cancelled) {
            return true;
        }
        if (!looked || clock.getAsLong() - lastLook >= ttlNanos) {
            return checkNow();
        }
        return false;
    }

    /** The last answer, without looking. */
    @Override
    public boolean getAsBoolean() {
        return cancelled;
    }
}
