package dev.segfold.contracts.storage;

import java.util.regex.Pattern;

/**
 * Validates one name that becomes a segment of an object key (run id, data set, case,
 * configuration, file name), so that no key built from user input can leave its prefix.
 *
 * <p>An allow-list, not a deny-list: ASCII letters, digits, '.', '_' and '-', starting with a
 * letter or digit, at most {@value #MAX_LENGTH} characters, and never "..". That rules out '/',
 * '\', control characters, percent-encodings, whitespace and look-alike Unicode at once; the
 * specific checks before the pattern only exist to give a precise message.
 */
public final class KeySegments {

    /** The longest segment accepted; S3 keys are limited to 1024 bytes in all. */
    public static final int MAX_LENGTH = 128;

    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private KeySegments() {
    }

    /**
     * Returns {@code value} if it is a safe key segment.
     *
     * @param field what the value is, named in the exception message (e.g. "runId")
     * @throws IllegalArgumentException naming the field and the reason otherwise
     */
    public static String require(String field, String value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is missing");
        }
        if (value.isEmpty()) {
            throw new IllegalArgumentException(field + " is empty");
        }
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(field + " is " + value.length()
                    + " characters long, at most " + MAX_LENGTH + " are allowed");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                throw new IllegalArgumentException(field + " " + quote(value)
                        + " contains a control character at index " + i);
            }
            if (c == '/' || c == '\\') {
                throw new IllegalArgumentException(field + " " + quote(value)
                        + " contains a path separator '" + c + "' at index " + i);
            }
        }
        if (value.contains("..")) {
            throw new IllegalArgumentException(field + " " + quote(value) + " contains '..'");
        }
        if (!ALLOWED.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " " + quote(value)
                    + " may only contain ASCII letters, digits, '.', '_' and '-'"
                    + " and must start with a letter or digit");
        }
        return value;
    }

    /** True if {@link #require} would accept {@code value}. */
    public static boolean isValid(String value) {
        try {
            require("value", value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Quotes a rejected value for a message without letting it forge log lines. */
    static String quote(String value) {
        StringBuilder out = new StringBuilder("\"");
        int limit = Math.min(value.length(), 64);
        for (int i = 0; i < limit; i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f || c > 0x7e) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (value.length() > limit) {
            out.append("...");
        }
        return out.append('"').toString();
    }
}
