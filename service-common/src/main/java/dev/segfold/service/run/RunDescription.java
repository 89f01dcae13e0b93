package dev.segfold.service.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segfold.contracts.storage.FoldLayout;
import dev.segfold.contracts.storage.KeySegments;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The part of a run's {@code run.json} that later stages act on: which data set, which
 * configuration, and which folds the run expects (trained here plus imported). The file is
 * written by the config-service; it is read as a JSON tree so that fields added there later do not
 * break readers here.
 *
 * @param runId         the run
 * @param dataset       the data set's name in the data-set bucket
 * @param configuration the configuration whose folds make the run's result, e.g. {@code 3d_fullres}
 * @param folds         folds trained by this system
 * @param importFolds   folds trained elsewhere and uploaded
 */
public record RunDescription(String runId, String dataset, String configuration, List<Integer> folds,
                             List<Integer> importFolds) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Validates the names and folds as the storage layout requires. */
    public RunDescription {
        KeySegments.require("run.json runId", runId);
        KeySegments.require("run.json dataset", dataset);
        KeySegments.require("run.json configuration", configuration);
        folds = List.copyOf(folds);
        importFolds = List.copyOf(importFolds);
        if (folds.isEmpty() && importFolds.isEmpty()) {
            throw new IllegalArgumentException("run.json of run " + runId + " expects no folds ('folds' and "
                    + "'importFolds' are both empty)");
        }
    }

    /** Every fold the run expects, trained or imported, ascending and without repeats. */
    public List<Integer> expectedFolds() {
        TreeSet<Integer> all = new TreeSet<>(folds);
        all.addAll(importFolds);
        return List.copyOf(all);
    }

    /**
     * Reads {@code run.json}.
     *
     * @param runId  the run the file belongs to (the file's own {@code runId}, if any, must agree)
     * @param json   the file's bytes
     * @param source where it came from, for messages (bucket and key)
     * @throws IllegalArgumentException naming the source and the field when the file is unusable
     */
    public static RunDescription parse(String runId, byte[] json, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(source + " is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(source + " is not a JSON object");
        }
        JsonNode ownId = root.get("runId");
        if (ownId != null && ownId.isTextual() && !ownId.asText().equals(runId)) {
            throw new IllegalArgumentException(source + ": runId '" + ownId.asText() + "' is not the run " + runId);
        }
        try {
            return new RunDescription(runId, text(root, "dataset", source), text(root, "configuration", source),
                    foldList(root, "folds", source), foldList(root, "importFolds", source));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().startsWith(source) ? e.getMessage()
                    : source + ": " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode root, String field, String source) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            throw new IllegalArgumentException(source + ": field '" + field + "' is missing");
        }
        if (!node.isTextual()) {
            throw new IllegalArgumentException(source + ": field '" + field + "' must be a string, found "
                    + node.getNodeType());
        }
        return node.asText();
    }

    private static List<Integer> foldList(JsonNode root, String field, String source) {
        JsonNode node = root.get(field);
        List<Integer> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException(source + ": field '" + field + "' must be an array of fold numbers");
        }
        for (JsonNode element : node) {
            // a fold may be written as 3 or "3"; anything else is an error, never a silent skip
            int fold;
            if (element.isIntegralNumber()) {
                fold = element.asInt();
            } else if (element.isTextual() && element.asText().matches("\\d{1,2}")) {
                fold = Integer.parseInt(element.asText());
            } else {
                throw new IllegalArgumentException(source + ": field '" + field + "' has '" + element
                        + "', not a fold number");
            }
            if (fold < 0 || fold > FoldLayout.MAX_FOLD) {
                throw new IllegalArgumentException(source + ": field '" + field + "' has fold " + fold
                        + " outside 0.." + FoldLayout.MAX_FOLD);
            }
            out.add(fold);
        }
        return out;
    }
}
