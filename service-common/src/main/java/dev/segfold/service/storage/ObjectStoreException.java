package dev.segfold.service.storage;

/**
 * An object-store operation failed; names the bucket and key, and says whether the last failure
 * was one that passes (the store was away past the retry deadline) or a final answer (access
 * denied, no such bucket, a bad key).
 */
public class ObjectStoreException extends RuntimeException {
    private final boolean transientFailure;

    public ObjectStoreException(String bucket, String key, Throwable cause) {
        this(bucket, key, cause, StoreRetry.isTransient(cause));
    }

    public ObjectStoreException(String bucket, String key, Throwable cause, boolean transientFailure) {
        super("object store " + bucket + "/" + key + ": " + describe(cause), cause);
        this.transientFailure = transientFailure;
    }

    /** Whether the store was unreachable or overloaded, rather than refusing the request. */
    public boolean transientFailure() {
        return transientFailure;
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }
}
