package dev.segfold.service.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segfold.contracts.json.ContractJson;
import dev.segfold.contracts.spec.FoldSettings;
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
 * @param stages        the run's stages in order ({@code run.json} {@code stages}); when the file has
 *                      none, one stage 0 made of the top-level fields
 * @param saveInterval  iterations between checkpoints (top-level {@code saveInterval}; 0 if absent)
 * @param logInterval   iterations between progress events (top-level {@code logInterval}; 0 if absent)
 * @param seed          the run's random seed (top-level {@code seed}; 0 if absent)
 */
public record RunDescription(String runId, String dataset, String configuration, List<Integer> folds,
                             List<Integer> importFolds, List<RunStage> stages, int saveInterval, int logInterval,
                             long seed) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Validates the names and folds as the storage layout requires. */
    public RunDescription {
        KeySegments.require("run.json runId", runId);
        KeySegments.require("run.json dataset", dataset);
        KeySegments.require("run.json configuration", configuration);
        folds = List.copyOf(folds);
        importFolds = List.copyOf(importFolds);
        stages = stages == null || stages.isEmpty()
                ? List.of(new RunStage(0, configuration, folds, importFolds, 0)) : List.copyOf(stages);
        for (int i = 0; i < stages.size(); i++) {
            if (stages.get(i).stage() != i) {
                throw new IllegalArgumentException("run.json of run " + runId + ": stages[" + i + "] has stage "
                        + stages.get(i).stage() + ", expected " + i);
            }
            KeySegments.require("run.json stages[" + i + "].configuration", stages.get(i).configuration());
        }
        if (folds.isEmpty() && importFolds.isEmpty()) {
            throw new IllegalArgumentException("run.json of run " + runId + " expects no folds ('folds' and "
                    + "'importFolds' are both empty)");
        }
    }

    /** The description without stages or intervals, as before stages were read (one stage 0 from these fields). */
    public RunDescription(String runId, String dataset, String configuration, List<Integer> folds,
            List<Integer> importFolds) {
        this(runId, dataset, configuration, folds, importFolds, List.of(), 0, 0, 0L);
    }

    /**
     * Stage {@code index}.
     *
     * @throws IllegalArgumentException naming the run if it has no such stage
     */
    public RunStage stage(int index) {
        if (index < 0 || index >= stages.size()) {
            throw new IllegalArgumentException("run.json of run " + runId + " has no stage " + index + " (it has "
                    + stages.size() + ")");
        }
        return stages.get(index);
    }

    /** The fold settings of stage {@code index}, if run.json has them. */
    public java.util.Optional<dev.segfold.contracts.spec.FoldSettings> settings(int index) {
        return index >= 0 && index < stages.size() ? java.util.Optional.ofNullable(stages.get(index).settings())
                : java.util.Optional.empty();
    }

    /** The folds each stage trains (index = stage), as {@code FoldRequestPartitioner} takes them. */
    public List<List<Integer>> trainedFoldsByStage() {
        return stages.stream().map(RunStage::folds).toList();
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
            String configuration = text(root, "configuration", source);
            List<Integer> folds = foldList(root, "folds", source);
            List<Integer> importFolds = foldList(root, "importFolds", source);
            return new RunDescription(runId, text(root, "dataset", source), configuration, folds, importFolds,
                    stages(root, source), integer(root, "saveInterval", source), integer(root, "logInterval", source),
                    longInteger(root, "seed", source));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().startsWith(source) ? e.getMessage()
                    : source + ": " + e.getMessage(), e);
        }
    }

    private static List<RunStage> stages(JsonNode root, String source) {
        JsonNode node = root.get("stages");
        List<RunStage> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException(source + ": field 'stages' must be an array of stages");
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode s = node.get(i);
            String where = source + ": stages[" + i + "]";
            if (!s.isObject()) {
                throw new IllegalArgumentException(where + " must be an object");
            }
            JsonNode stage = s.get("stage");
            int index = stage == null || stage.isNull() ? i : integer(s, "stage", where);
            out.add(new RunStage(index, text(s, "configuration", where), foldList(s, "folds", where),
                    foldList(s, "importFolds", where), integer(s, "iterations", where), settings(s, where)));
        }
        return out;
    }

    /** A stage's optional {@code settings}. */
    private static FoldSettings settings(JsonNode stage, String where) {
        JsonNode node = stage.get("settings");
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            return ContractJson.mapper().convertValue(node, FoldSettings.class);
        } catch (IllegalArgumentException e) {
            Throwable cause = e.getCause() != null && e.getCause().getCause() != null ? e.getCause().getCause() : e;
            throw new IllegalArgumentException(where + ".settings: " + cause.getMessage(), e);
        }
    }

    /** An optional non-negative whole number; 0 when absent. */
    private static int integer(JsonNode root, String field, String source) {
        long value = longInteger(root, field, source);
        if (value < 0) {
            throw new IllegalArgumentException(source + ": field '" + field + "' must not be negative: " + value);
        }
        if (value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(source + ": field '" + field + "' is too large: " + value);
        }
        return (int) value;
    }

    private static long longInteger(JsonNode root, String field, String source) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return 0;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new IllegalArgumentException(source + ": field '" + field + "' must be a whole number, found " + node);
        }
        return node.asLong();
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
