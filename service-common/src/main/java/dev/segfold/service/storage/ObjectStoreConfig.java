package dev.segfold.service.storage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Where the object store is and which buckets Segfold uses. Credentials have no default: they come
 * from configuration (environment {@code SEGFOLD_S3_ACCESS_KEY}, {@code SEGFOLD_S3_SECRET_KEY}).
 */
@ConfigMapping(prefix = "segfold.s3")
public interface ObjectStoreConfig {
    /** S3 endpoint, e.g. {@code http://minio:9000}. */
    String endpoint();

    String accessKey();

    String secretKey();

    @WithDefault("us-east-1")
    String region();

    Buckets buckets();

    /**
     * How long an operation keeps retrying while the store is away. Every call of
     * {@link ObjectStore} is retried with exponential backoff on connection errors, 5xx and
     * throttling answers; 403, NoSuchBucket, NoSuchKey and bad requests are not retried.
     */
    Retry retry();

    /** Retry of transient failures ({@code segfold.s3.retry.*}). */
    interface Retry {
        /**
         * How long one operation may keep failing before its error is thrown: long enough for a
         * MinIO or devstack restart (seconds to a minute) with margin. Env
         * {@code SEGFOLD_S3_RETRY_DEADLINE}; 0 turns retries off.
         */
        @WithDefault("3m")
        Duration deadline();

        /** The first wait after a failure; doubled after each further one. */
        @WithDefault("500ms")
        Duration initialBackoff();

        /** The longest wait between two attempts. */
        @WithDefault("10s")
        Duration maxBackoff();
    }

    /** Bucket names (DESIGN §4). */
    interface Buckets {
        @WithDefault("segfold-datasets")
        String datasets();

        @WithDefault("segfold-runs")
        String runs();

        @WithDefault("segfold-cache")
        String cache();
    }
}
