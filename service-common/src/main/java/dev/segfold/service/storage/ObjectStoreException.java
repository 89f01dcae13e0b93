package dev.segfold.service.storage;

/** An object-store operation failed; names the bucket and key. */
public class ObjectStoreException extends RuntimeException {
    public ObjectStoreException(String bucket, String key, Throwable cause) {
        super("object store " + bucket + "/" + key + ": " + cause.getMessage(), cause);
    }
}
