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
     * How long a fold's lease ({@code trainer.lease}) stays valid without renewal; renewals happen
     * at log intervals, so it must exceed the longest log interval plus a checkpoint upload. A
     * fold whose trainer died is taken over after this time.
     */
    @WithDefault("5m")
    Duration leaseTtl();

    /** How long to wait for the broker to acknowledge a checkpoint or failure event. */
    @WithDefault("30s")
    Duration publishTimeout();
}
