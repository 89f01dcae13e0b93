package dev.segfold.contracts.spec.paddleseg;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One mapping of the config at its YAML path, read through typed getters that record each key as
 * used and report a value of the wrong type as a problem on its path. {@link #finish()} reports
 * every key nobody asked for as unknown, so no key can be dropped without a word.
 */
final class YamlSection {
    private final String path;
    private final Map<String, Object> entries = new LinkedHashMap<>();
    private final Set<String> read = new HashSet<>();
    private final ImportReport report;

    YamlSection(String path, Map<?, ?> map, ImportReport report) {
        this.path = path;
        this.report = report;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (!(e.getKey() instanceof String)) {
                // 1: x or yes: x are keys YAML reads as numbers or booleans; none of PaddleSeg's are.
                report.unknown.add(pathOf(key));
                read.add(key);
            }
            entries.put(key, e.getValue());
        }
    }

    String path() {
        return path;
    }

    String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    boolean has(String key) {
        return entries.containsKey(key);
    }

    /** The raw value, marking the key used; null if absent or null. */
    Object raw(String key) {
        if (entries.containsKey(key)) {
            read.add(key);
            report.used.add(pathOf(key));
        }
        return entries.get(key);
    }

    Integer integer(String key) {
        Object value = raw(key);
        if (value == null || value instanceof Integer) {
            return (Integer) value;
        }
        if (value instanceof Long || value instanceof BigInteger) {
            report.problem(pathOf(key), "is " + value + ", too large for an integer of 32 bits");
            return null;
        }
        report.problem(pathOf(key), "must be an integer, got " + describe(value));
        return null;
    }

    Double number(String key) {
        Object value = raw(key);
        if (value == null) {
            return null;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Double) {
            double d = ((Number) value).doubleValue();
            if (Double.isFinite(d)) {
                return d;
            }
        }
        if (value instanceof String s && s.strip().matches("[-+]?[0-9]+(\\.[0-9]*)?[eE][-+]?[0-9]+")) {
            // PyYAML reads 3e-5 (no dot) as a string; a config that quotes it to be safe means the number.
            double d = Double.parseDouble(s.strip());
            report.warning(pathOf(key), "the string \"" + s + "\" is read as the number " + d
                    + "; PaddleSeg would see text, write 3.0e-05 unquoted to be portable");
            return d;
        }
        report.problem(pathOf(key), "must be a number, got " + describe(value));
        return null;
    }

    Boolean bool(String key) {
        Object value = raw(key);
        if (value == null || value instanceof Boolean) {
            return (Boolean) value;
        }
        report.problem(pathOf(key), "must be True or False, got " + describe(value));
        return null;
    }

    String text(String key) {
        Object value = raw(key);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        report.problem(pathOf(key), "must be a string, got " + describe(value));
        return null;
    }

    /** The nested mapping, or null (with a problem if the value is something else). */
    YamlSection section(String key) {
        Object value = raw(key);
        if (value == null) {
            return null;
        }
        if (value instanceof Map<?, ?> map) {
            return new YamlSection(pathOf(key), map, report);
        }
        report.problem(pathOf(key), "must be a mapping, got " + describe(value));
        return null;
    }

    /** The list, or null (with a problem if the value is something else). */
    List<Object> list(String key) {
        Object value = raw(key);
        if (value == null) {
            return null;
        }
        if (value instanceof List<?> list) {
            return new ArrayList<>(list);
        }
        report.problem(pathOf(key), "must be a list, got " + describe(value));
        return null;
    }

    /** Reports the keys not read as unknown. */
    void finish() {
        for (String key : entries.keySet()) {
            if (!read.contains(key)) {
                report.unknown.add(pathOf(key));
            }
        }
    }

    static String describe(Object value) {
        if (value == null) {
            return "nothing";
        }
        if (value instanceof String s) {
            String p = s.replaceAll("[^\\x20-\\x7e]", "?");
            return "the string \"" + (p.length() > 40 ? p.substring(0, 40) + "..." : p) + "\"";
        }
        if (value instanceof Map<?, ?>) {
            return "a mapping";
        }
        if (value instanceof List<?>) {
            return "a list";
        }
        String type = value instanceof Boolean ? "boolean" : value instanceof Integer || value instanceof Long
                || value instanceof BigInteger ? "integer" : value instanceof Double ? "number"
                : value.getClass().getSimpleName().toLowerCase(Locale.ROOT);
        String shown = String.valueOf(value);
        return "the " + type + " " + (shown.length() > 40 ? shown.substring(0, 40) + "..." : shown);
    }
}
