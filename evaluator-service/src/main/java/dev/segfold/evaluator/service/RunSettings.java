package dev.segfold.evaluator.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segfold.contracts.json.ContractJson;
import dev.segfold.contracts.storage.KeySegments;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the evaluator needs from a run's {@code run.json}, read tolerantly from a JSON tree because
 * the config-service owns that file's shape: each field is looked up at the top level, then under
 * {@code spec}, then under {@code request}.
 *
 * @param dataset                 the data set the run trains on (required)
 * @param evaluateEveryCheckpoint the run's choice, or null when run.json does not say
 * @param stages                  the configuration of each cascade stage in order (names, or objects with a
 *                                {@code configuration}); empty when absent
 */
public record RunSettings(String dataset, Boolean evaluateEveryCheckpoint, List<String> stages) {

    private static final String[] SECTIONS = {"spec", "request"};

    /** Validates the data set name as a key segment and copies the stages. */
    public RunSettings {
        KeySegments.require("run.json dataset", dataset);
        stages = List.copyOf(stages);
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
                    stages(find(root, "stages")));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    /** The run's choice, or {@code fallback} when run.json does not say. */
    public boolean evaluateEveryCheckpoint(boolean fallback) {
        return evaluateEveryCheckpoint == null ? fallback : evaluateEveryCheckpoint;
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
