package dev.segfold.contracts.topics;

import dev.segfold.contracts.storage.KeySegments;

/**
 * The Kafka message keys: {@code runId/stage/fold} for fold-scoped events and {@code runId} for
 * run-scoped ones, so one fold's events stay ordered on one partition.
 */
public final class EventKeys {

    private EventKeys() {
    }

    /** The key of a run-scoped event. */
    public static String run(String runId) {
        return KeySegments.require("runId", runId);
    }

    /** The key of a fold-scoped event. */
    public static String fold(String runId, int stage, int fold) {
        return new EventKey(runId, stage, fold).toString();
    }

    /**
     * Reads a key back.
     *
     * @throws IllegalArgumentException if it is neither {@code runId} nor {@code runId/stage/fold}
     */
    public static EventKey parse(String key) {
        if (key == null) {
            throw new IllegalArgumentException("event key is missing");
        }
        String[] parts = key.split("/", -1);
        if (parts.length == 1) {
            return new EventKey(parts[0], null, null);
        }
        if (parts.length != 3) {
            throw new IllegalArgumentException("event key \"" + key
                    + "\" must be runId or runId/stage/fold");
        }
        return new EventKey(parts[0], parseNumber(key, "stage", parts[1]), parseNumber(key, "fold", parts[2]));
    }

    private static Integer parseNumber(String key, String field, String text) {
        if (!text.matches("\\d{1,2}")) {
            throw new IllegalArgumentException("event key \"" + key + "\": " + field + " \""
                    + text + "\" is not a number from 0 to 99");
        }
        return Integer.valueOf(text);
    }
}
