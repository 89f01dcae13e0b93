package dev.segfold.evaluator.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segfold.contracts.json.ContractJson;
import dev.segfold.contracts.spec.FoldSettings;
import dev.segfold.contracts.storage.KeySegments;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the evaluator needs from a run's {@code run.json}, read tolerantly from a JSON tree because
 * the config-service owns that file's shape: each field is looked up at the top level, then under
 * {@code spec}, then under {@code request}.
 *
 * @param dataset                 the data set the run trains on (required)
 * @param evaluateEveryCheckpoint the run's choice, or null when run.json does not say
 * @param stages                  the configuration of each cascade stage in order (names, or objects with a
 *                                {@code configuration}); empty when absent
 * @param stageSettings           each stage's fold settings ({@code stages[i].settings}), same order;
 *                                null entries where run.json has none
 */
public record RunSettings(String dataset, Boolean evaluateEveryCheckpoint, List<String> stages,
                          List<FoldSettings> stageSettings) {

    private static final String[] SECTIONS = {"spec", "request"};

    /** Validates the data set name as a key segment and copies the stages. */
    public RunSettings {
        KeySegments.require("run.json dataset", dataset);
        stages = List.copyOf(stages);
        stageSettings = java.util.Collections.unmodifiableList(new ArrayList<>(stageSettings));
    }

    /** Without stage settings (a run.json written before they were stored). */
    public RunSettings(String dataset, Boolean evaluateEveryCheckpoint, List<String> stages) {
        this(dataset, evaluateEveryCheckpoint, stages, List.of());
    }

    /**
     * Parses run.json.
     *
     * @param source names the file in error messages, e.g. its object key
     * @throws IllegalArgumentException naming {@code source} and the field when run.json is not a
     *                                  JSON object or names no valid data set
     */
    public static RunSettings parse(byte[] json, String source) {
        JsonNode root;
        try {
            root = ContractJson.mapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(source + " is not JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(source + " is not a JSON object");
        }
        JsonNode dataset = find(root, "dataset");
        if (dataset == null || !dataset.isTextual() || dataset.asText().isBlank()) {
            throw new IllegalArgumentException(source + ": field 'dataset' is missing or not a string");
        }
        try {
            return new RunSettings(dataset.asText(), bool(find(root, "evaluateEveryCheckpoint")),
                    stages(find(root, "stages")), stageSettings(find(root, "stages")));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    /** The run's choice, or {@code fallback} when run.json does not say. */
    public boolean evaluateEveryCheckpoint(boolean fallback) {
        return evaluateEveryCheckpoint == null ? fallback : evaluateEveryCheckpoint;
    }

    /** The fold settings of the stage that trains {@code configuration}, if run.json has them. */
    public Optional<FoldSettings> settingsOf(String configuration) {
        int stage = stageOf(configuration);
        return stage < stageSettings.size() ? Optional.ofNullable(stageSettings.get(stage)) : Optional.empty();
    }

    /**
     * The cascade stage of {@code configuration}: its index in {@link #stages()}, else nnU-Net's
     * convention (the cascade's full-res network is stage 1, everything else stage 0).
     */
    public int stageOf(String configuration) {
        int index = stages.indexOf(configuration);
        return index >= 0 ? index : defaultStage(configuration);
    }

    /** nnU-Net's convention, for when run.json cannot be read. */
    public static int defaultStage(String configuration) {
        return "3d_cascade_fullres".equals(configuration) ? 1 : 0;
    }

    private static JsonNode find(JsonNode root, String field) {
        if (root.has(field)) {
            return root.get(field);
        }
        for (String section : SECTIONS) {
            JsonNode nested = root.path(section);
            if (nested.isObject() && nested.has(field)) {
                return nested.get(field);
            }
        }
        return null;
    }

    /** A JSON boolean, or the strings "true"/"false"; anything else counts as not said. */
    private static Boolean bool(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isTextual() && (node.asText().equalsIgnoreCase("true") || node.asText().equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(node.asText());
        }
        return null;
    }

    private static List<FoldSettings> stageSettings(JsonNode node) {
        List<FoldSettings> out = new ArrayList<>();
        if (node != null && node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode settings = node.get(i).path("settings");
                if (!settings.isObject()) {
                    out.add(null);
                    continue;
                }
                try {
                    out.add(ContractJson.mapper().convertValue(settings, FoldSettings.class));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("stages[" + i + "].settings: " + rootCause(e).getMessage(), e);
                }
            }
        }
        return out;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static List<String> stages(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node != null && node.isArray()) {
            for (JsonNode stage : node) {
                // either configuration names, or stage objects as RunSpec's StageSpec writes them
                JsonNode name = stage.isObject() ? stage.path("configuration") : stage;
                if (name.isTextual()) {
                    out.add(name.asText());
                }
            }
        }
        return out;
    }
}
