package dev.segfold.service.storage;

import io.minio.errors.ErrorResponseException;
import io.minio.errors.InvalidResponseException;
import io.minio.errors.ServerException;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.time.Duration;
import java.util.Set;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * Runs one object-store operation again, with exponential backoff, while it fails for a reason
 * that passes (the server restarting, a connection refused or reset, a 5xx, throttling), until a
 * deadline. Errors that no retry can fix (403, NoSuchBucket, NoSuchKey, a bad signature or
 * argument) are thrown at once.
 *
 * @param initialBackoff the first wait, doubled after every failure
 * @param maxBackoff     the longest wait between two attempts
 * @param deadline       how long an operation may keep failing before the error is thrown
 */
public record StoreRetry(Duration initialBackoff, Duration maxBackoff, Duration deadline) {
    private static final Logger LOG = Logger.getLogger(StoreRetry.class);

    /** S3 error codes that mean "try again" (AWS and MinIO documentation). */
    private static final Set<String> TRANSIENT_CODES = Set.of("InternalError", "ServiceUnavailable", "SlowDown",
            "RequestTimeout", "RequestTimeTooSkewed", "OperationAborted", "XMinioServerNotInitialized",
            "XMinioStorageFull", "ConditionalRequestConflict");

    /** One try, no waiting: for callers that have their own schedule (a lease renewal). */
    public static final StoreRetry NONE = new StoreRetry(Duration.ZERO, Duration.ZERO, Duration.ZERO);

    public StoreRetry {
        if (initialBackoff.isNegative() || maxBackoff.isNegative() || deadline.isNegative()) {
            throw new IllegalArgumentException("segfold.s3.retry: durations must not be negative");
        }
    }

    /** The store's operation, which may throw anything the client throws. */
    @FunctionalInterface
    public interface Operation<T> {
        T run() throws Exception;
    }

    /** Sleeps; replaced in tests. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    /**
     * Runs {@code operation}, retrying transient failures until the deadline.
     *
     * @throws ObjectStoreException with the last failure, {@link ObjectStoreException#transientFailure()}
     *                              saying whether it was still transient when the deadline passed
     */
    public <T> T run(String bucket, String key, Operation<T> operation) {
        return run(bucket, key, operation, System::nanoTime, Thread::sleep);
    }

    <T> T run(String bucket, String key, Operation<T> operation, LongSupplier nanos, Sleeper sleeper) {
        long start = nanos.getAsLong();
        long backoff = Math.max(1, initialBackoff.toMillis());
        int failures = 0;
        while (true) {
            try {
                T result = operation.run();
                if (failures > 0) {
                    LOG.infof("object store %s/%s answered again after %d failed attempts, %.1f s", bucket, key,
                            failures, (nanos.getAsLong() - start) / 1e9);
                }
                return result;
            } catch (Exception e) {
                if (e instanceof IllegalArgumentException iae) {
                    throw iae; // a bad key or argument: the caller's bug, not the store's
                }
                boolean transientFailure = isTransient(e);
                long elapsedMillis = (nanos.getAsLong() - start) / 1_000_000;
                long left = deadline.toMillis() - elapsedMillis;
                if (!transientFailure || left <= 0) {
                    if (transientFailure && failures > 0) {
                        LOG.warnf("object store %s/%s still failing after %d attempts in %s: giving up", bucket,
                                key, failures + 1, deadline);
                    }
                    if (e instanceof ObjectStoreException already) {
                        throw already;
                    }
                    throw new ObjectStoreException(bucket, key, e, transientFailure);
                }
                if (failures == 0) {
                    LOG.warnf("object store %s/%s failed (%s), retrying for up to %s", bucket, key,
                            e.getMessage(), deadline);
                }
                failures++;
                try {
                    sleeper.sleep(Math.min(backoff, left));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new ObjectStoreException(bucket, key, e, true);
                }
                backoff = Math.min(backoff * 2, Math.max(1, maxBackoff.toMillis()));
            }
        }
    }

    /**
     * Whether waiting may cure the failure: network errors and the server's 5xx and throttling
     * answers yes; access, missing buckets or keys, bad requests no.
     */
    public static boolean isTransient(Throwable e) {
        if (e instanceof ObjectStoreException s) {
            return s.transientFailure();
        }
        if (e instanceof ErrorResponseException r) {
            String code = r.errorResponse() == null ? null : r.errorResponse().code();
            int status = r.response() == null ? 0 : r.response().code();
            return (code != null && TRANSIENT_CODES.contains(code)) || status >= 500 || status == 429;
        }
        // a 5xx without an S3 error body (a proxy or a server starting up), or a non-XML answer
        if (e instanceof ServerException || e instanceof InvalidResponseException) {
            return true;
        }
        // connection refused or reset, timeouts, a response cut short; a local file that is
        // missing or unreadable (FileSystemException) does not come back by waiting
        if (e instanceof IOException) {
            return !(e instanceof FileSystemException);
        }
        return e.getCause() instanceof IOException io && !(io instanceof FileSystemException);
    }
}
