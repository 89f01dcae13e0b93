package dev.segfold.deployment.compose;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Shape checks on safely loaded YAML values, with messages that name the field. */
final class YamlShapes {

    private YamlShapes() {
    }

    /** A mapping with string keys; null reads as empty. */
    static Map<String, Object> map(Object value, String where) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> raw)) {
            throw new IllegalArgumentException(where + ": expected a mapping, found " + describe(value));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        raw.forEach((key, item) -> {
            if (!(key instanceof String name)) {
                throw new IllegalArgumentException(where + ": key " + key + " is not a string");
            }
            result.put(name, item);
        });
        return result;
    }

    /** A sequence; null reads as empty. */
    static List<Object> list(Object value, String where) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> raw)) {
            throw new IllegalArgumentException(where + ": expected a list, found " + describe(value));
        }
        return List.copyOf(raw.stream().map(item -> (Object) item).toList());
    }

    /** A scalar as Compose reads it (numbers and booleans as their text); null stays null. */
    static String scalar(Object value, String where) {
        if (value == null) {
            return null;
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            throw new IllegalArgumentException(where + ": expected a single value, found " + describe(value));
        }
        return String.valueOf(value);
    }

    static String describe(Object value) {
        if (value instanceof Map<?, ?>) {
            return "a mapping";
        }
        if (value instanceof List<?>) {
            return "a list";
        }
        return value.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT) + " " + value;
    }
}
