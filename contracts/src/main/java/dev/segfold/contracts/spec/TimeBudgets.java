package dev.segfold.contracts.spec;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * A fold's time budget as people write it: {@code 30m}, {@code 1h30m}, {@code 90s}, {@code 2h},
 * or ISO-8601 ({@code PT30M}), the form it is stored and sent in.
 */
public final class TimeBudgets {
    /** The shortest budget: a warm-up and a few iterations must fit. */
    public static final Duration MIN = Duration.ofSeconds(10);
    /** The longest budget of one fold. */
    public static final Duration MAX = Duration.ofDays(7);

    private TimeBudgets() {
    }

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException saying what forms are accepted, or the allowed range
     */
    public static Duration parse(String text) {
        String t = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
        try {
            // 1h30m is ISO-8601's PT1H30M without its prefix
            return check(Duration.parse(t.startsWith("P") ? t : "PT" + t));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not a duration; write e.g. 30m, 1h30m, 90s or PT30M");
        }
    }

    /** Checks the range. */
    public static Duration check(Duration d) {
        if (d.compareTo(MIN) < 0 || d.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("is " + format(d) + ", must be between " + format(MIN) + " and "
                    + format(MAX));
        }
        return d;
    }

    /** {@code 1h30m}, {@code 12m}, {@code 45s}. */
    public static String format(Duration d) {
        long s = d.getSeconds();
        StringBuilder out = new StringBuilder();
        if (s >= 3600) {
            out.append(s / 3600).append('h');
        }
        if (s % 3600 >= 60) {
            out.append(s % 3600 / 60).append('m');
        }
        if (s % 60 != 0 || out.length() == 0) {
            out.append(s % 60).append('s');
        }
        return out.toString();
    }
}
