package dev.segfold.service.cache;

import java.io.IOException;

/**
 * A cache entry exists but must not be used: a manifest that does not parse or does not describe
 * the entry it is stored under, a listed object that is missing, or a file whose size or SHA-256
 * differs from the manifest. The message names the object key and the reason.
 */
public class RejectedEntryException extends IOException {
    public RejectedEntryException(String message) {
        super(message);
    }
}
