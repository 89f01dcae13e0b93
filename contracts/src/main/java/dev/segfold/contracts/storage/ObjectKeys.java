package dev.segfold.contracts.storage;

/**
 * Checks whole object keys that arrive from outside (in an event or a notification) before a
 * service reads or writes under them: relative, '/'-separated, every segment a valid
 * {@link KeySegments segment}.
 */
public final class ObjectKeys {

    /** S3's limit for a key, in UTF-8 bytes; every valid key here is ASCII. */
    public static final int MAX_LENGTH = 1024;

    private ObjectKeys() {
    }

    /**
     * Returns {@code key} if it is a relative key whose segments are all valid.
     *
     * @param field what the key is, named in the exception message (e.g. "plansKey")
     * @throws IllegalArgumentException naming the field and the reason otherwise
     */
    public static String require(String field, String key) {
        if (key == null) {
            throw new IllegalArgumentException(field + " is missing");
        }
        if (key.isEmpty()) {
            throw new IllegalArgumentException(field + " is empty");
        }
        if (key.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(field + " is " + key.length()
                    + " characters long, at most " + MAX_LENGTH + " are allowed");
        }
        String[] segments = key.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            // A trailing '/' marks a prefix; an empty segment anywhere else would be "//".
            if (segments[i].isEmpty() && i == segments.length - 1 && i > 0) {
                continue;
            }
            try {
                KeySegments.require("segment " + (i + 1), segments[i]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(field + " " + KeySegments.quote(key)
                        + " is not a safe object key: " + e.getMessage(), e);
            }
        }
        return key;
    }

    /** Joins already validated parts with '/'. */
    static String join(String... parts) {
        return String.join("/", parts);
    }
}
