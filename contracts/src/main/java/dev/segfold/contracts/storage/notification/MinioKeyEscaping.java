package dev.segfold.contracts.storage.notification;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The escaping of {@code s3.object.key} in MinIO notifications: Go's {@code url.QueryEscape}
 * (space as '+', every byte outside {@code A-Z a-z 0-9 - _ . ~} as {@code %XX}, so '/' is
 * {@code %2F}) and its inverse. Java's {@code URLEncoder} differs on '~' and '*', hence this class.
 */
public final class MinioKeyEscaping {

    private MinioKeyEscaping() {
    }

    /** Escapes {@code key} exactly as MinIO does. */
    public static String escape(String key) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length * 3 / 2);
        for (byte b : bytes) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~') {
                out.append((char) c);
            } else if (c == ' ') {
                out.append('+');
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /**
     * Reverses {@link #escape}: '+' is a space, {@code %XX} a byte, bytes decoded as UTF-8.
     *
     * @throws IllegalArgumentException on a malformed escape, naming its position
     */
    public static String unescape(String escaped) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(escaped.length());
        int i = 0;
        while (i < escaped.length()) {
            int c = escaped.codePointAt(i);
            if (c == '+') {
                bytes.write(' ');
                i++;
            } else if (c == '%') {
                if (i + 2 >= escaped.length()) {
                    throw new IllegalArgumentException("escaped key has a truncated '%' escape at index " + i);
                }
                int hi = Character.digit(escaped.charAt(i + 1), 16);
                int lo = Character.digit(escaped.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("escaped key has an invalid '%' escape at index " + i);
                }
                bytes.write(hi << 4 | lo);
                i += 3;
            } else {
                byte[] encoded = new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
                i += Character.charCount(c);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
