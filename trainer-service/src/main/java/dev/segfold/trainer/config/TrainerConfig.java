package dev.segfold.trainer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The trainer's own settings ({@code segfold.trainer.*}); where the object store and the work
 * folder are comes from service-common ({@code segfold.s3.*}, {@code segfold.work-dir}).
 */
@ConfigMapping(prefix = "segfold.trainer")
public interface TrainerConfig {

    /**
     * How long an answer to "was the run cancelled?" is reused: the marker is looked up at most
     * once per this interval, and only at a log interval.
     */
    @WithDefault("5s")
    Duration cancelCheckInterval();

    /** Threads preparing augmented batches beside the training thread. */
    @WithDefault("2")
    int loaderWorkers();

    /**
     * How long a fold's lease ({@code trainer.lease}) stays valid without renewal. A trainer killed
     * without shutting down (SIGKILL, a lost machine) is taken over this long after its last
     * renewal, so with the 10 s renewal another trainer resumes the fold 20-30 s after the kill
     * (plus the broker's session timeout of the fold-requests channel, 15 s, which runs meanwhile).
     * It must be several renew intervals: a renewal late by a whole TTL hands the fold over.
     */
    @WithDefault("30s")
    Duration leaseTtl();

    /** How often the lease is renewed, on a timer of its own (not tied to iterations). */
    @WithDefault("10s")
    Duration leaseRenewInterval();

    /**
     * How long a trainer waits after writing a lease before reading it back to see whether it won
     * the race against another trainer (the store offers no compare-and-set, see LeaseKeeper). Must
     * exceed the time one small PUT takes; a write slower than this counts as lost.
     */
    @WithDefault("2s")
    Duration leaseSettle();

    /**
     * On SIGTERM, how long shutdown waits for the fold in training to checkpoint the iteration it
     * reached, upload it and release its lease. Give the container at least this much
     * ({@code stop_grace_period} in compose).
     */
    @WithDefault("60s")
    Duration shutdownGrace();

    /** While the object store is away, how often a waiting checkpoint's upload is tried again. */
    @WithDefault("5s")
    Duration uploadRetryPause();

    /**
     * How long a fold that finished training waits for its checkpoints to reach the bucket before
     * it fails (retryable); training itself never waits for uploads.
     */
    @WithDefault("30m")
    Duration uploadTimeout();

    /**
     * Folds this instance trains at once. The request handlers (the worker pool {@code fold-training},
     * max-concurrency 4) may hold more requests than that: one waiting for another trainer's lease
     * gives its slot back while it waits, so it never keeps this trainer from its other folds.
     */
    @WithDefault("1")
    int foldsAtOnce();

    /**
     * How many times a fold may be taken over from trainers that stopped renewing its lease
     * (killed, out of memory, a native crash) before it fails for good: a fold whose training
     * kills the process would otherwise be redelivered and kill every trainer in turn, forever.
     * The lease's generation counts the takeovers; an orderly release (end, SIGTERM) resets it.
     */
    @WithDefault("5")
    int maxTakeovers();

    /** How long to wait for the broker to acknowledge a checkpoint or failure event. */
    @WithDefault("30s")
    Duration publishTimeout();
}
