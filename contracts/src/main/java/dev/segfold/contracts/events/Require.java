package dev.segfold.contracts.events;

import dev.segfold.contracts.storage.KeySegments;
import dev.segfold.contracts.storage.ObjectKeys;
import java.util.List;

/** Component checks shared by the event records, each naming the event and the field. */
final class Require {

    private Require() {
    }

    static <T> T present(String event, String field, T value) {
        if (value == null) {
            throw new IllegalArgumentException(event + "." + field + " is missing");
        }
        return value;
    }

    static String text(String event, String field, String value) {
        if (present(event, field, value).isBlank()) {
            throw new IllegalArgumentException(event + "." + field + " is blank");
        }
        return value;
    }

    static String segment(String event, String field, String value) {
        return KeySegments.require(event + "." + field, value);
    }

    static String key(String event, String field, String value) {
        return ObjectKeys.require(event + "." + field, value);
    }

    static String optionalKey(String event, String field, String value) {
        return value == null ? null : key(event, field, value);
    }

    static int positive(String event, String field, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(event + "." + field + " is " + value + ", must be at least 1");
        }
        return value;
    }

    static int notNegative(String event, String field, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(event + "." + field + " is " + value + ", must not be negative");
        }
        return value;
    }

    static List<Integer> folds(String event, String field, List<Integer> folds) {
        List<Integer> copy = List.copyOf(present(event, field, folds));
        for (Integer fold : copy) {
            if (fold < 0 || fold > 99) {
                throw new IllegalArgumentException(event + "." + field + " has fold " + fold + " outside 0..99");
            }
        }
        if (copy.stream().distinct().count() != copy.size()) {
            throw new IllegalArgumentException(event + "." + field + " lists a fold twice: " + copy);
        }
        return copy;
    }

    static List<String> segments(String event, String field, List<String> values) {
        List<String> copy = List.copyOf(present(event, field, values));
        for (String value : copy) {
            segment(event, field + " element", value);
        }
        return copy;
    }

    static String sha256(String event, String field, String value) {
        if (value == null || !value.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException(event + "." + field + " must be 64 lowercase hex digits (SHA-256)");
        }
        return value;
    }
}
