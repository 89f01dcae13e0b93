package dev.segfold.config.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The config-service's own settings ({@code segfold.config.*}), every one with its default. */
@ConfigMapping(prefix = "segfold.config")
public interface ConfigServiceSettings {

    /** How {@code GET /runs/{id}/submission} hands out the submission archive. */
    SubmissionDelivery submission();

    /**
     * Low-res spacing relative to the full-resolution spacing when a configuration needs a low-res
     * stage that nnU-Net's planner did not make (small images, such as Hippocampus or a generated
     * data set): the planner is run again with a forced low-res stage at this factor.
     */
    @WithDefault("2.0")
    double forcedLowresFactor();

    /** Status events kept per run for {@code GET /runs/{id}/events} to replay to a new listener. */
    @WithDefault("1000")
    int eventHistory();

    /**
     * What a run's precision {@code auto} becomes: {@code detect} (the default) looks at this
     * host, bf16 where its CPU reports AMX-BF16 or AVX512-BF16 or a CUDA device is visible, fp32
     * elsewhere, which is right on one machine (the embedded stack, docker compose); where trainers
     * run on other hardware than the config-service, set {@code fp32} or {@code bf16} to what the
     * trainers compute natively.
     */
    @WithDefault("detect")
    String autoPrecision();

    /** How long {@code POST /runs} waits for the broker to acknowledge the fold requests. */
    @WithDefault("PT30S")
    Duration publishTimeout();

    /** {@code segfold.config.retry.*}: what happens after a fold failed (docs/DECISIONS.md, issue 9). */
    Retry retry();

    /**
     * {@code segfold.config.retry.*}: a training failure marked retryable is requested again, with
     * the attempt count, after a backoff; after {@link #maxAttempts()} attempts the fold and its run
     * fail for good.
     */
    interface Retry {
        /** Attempts at a fold's training before it fails for good, the first included (1 = never retry). */
        @WithDefault("3")
        int maxAttempts();

        /**
         * Wait before the second attempt; doubled for each later one. Long enough for a broker or
         * object store restart (about a minute on the embedded stack) to be over by the second or third.
         */
        @WithDefault("PT30S")
        Duration backoff();

        /** The longest wait between two attempts. */
        @WithDefault("PT10M")
        Duration maxBackoff();

        /**
         * How long a failure is left before anything is decided about it: replaying
         * {@code segfold.status} at start-up shows old failures before the events that followed
         * them (a later attempt, the run's end); after this delay the projection has caught up and
         * the decision is checked against it.
         */
        @WithDefault("PT5S")
        Duration decisionDelay();
    }

    /**
     * {@code segfold.config.submission.*}: the download of a run's {@code submission.zip}. No URL
     * is ever put on the bus; this endpoint checks the caller's token first.
     */
    interface SubmissionDelivery {
        /** How the archive reaches the caller. */
        enum Mode {
            /** The API streams the object itself: works wherever the API is reachable, hands out no URL. */
            STREAM,
            /** 307 to a presigned URL signed for {@link #publicS3Endpoint()}, valid for {@link #urlValidity()}. */
            REDIRECT
        }

        /** {@code stream} (the default) or {@code redirect}. */
        @WithDefault("stream")
        Mode mode();

        /**
         * The S3 endpoint as the API's callers reach it, e.g. {@code https://s3.example.org}; a
         * presigned URL is only valid for the host it was signed for, and the services' own
         * endpoint ({@code http://minio:9000} on compose) is not reachable from outside.
         * Required with {@code mode=redirect}.
         */
        java.util.Optional<java.net.URI> publicS3Endpoint();

        /** How long a redirect's presigned URL works: long enough to start the download, no longer. */
        @WithDefault("PT5M")
        Duration urlValidity();
    }
}
