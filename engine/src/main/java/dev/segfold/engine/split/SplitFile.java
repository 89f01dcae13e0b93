package dev.segfold.engine.split;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes a split as JSON in the shape of nnU-Net's {@code splits_final}: a list with one
 * {@code {"train": [...], "val": [...]}} object per fold, fold k at position k.
 */
public final class SplitFile {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SplitFile() {
    }

    public static void write(CrossValidationSplit split, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, toJson(split));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write split file " + file, e);
        }
    }

    public static String toJson(CrossValidationSplit split) {
        ArrayNode root = MAPPER.createArrayNode();
        for (FoldSplit f : split.folds()) {
            ObjectNode o = root.addObject();
            f.train().forEach(o.putArray("train")::add);
            f.val().forEach(o.putArray("val")::add);
        }
        try {
            return MAPPER.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a split file.
     *
     * @throws IllegalArgumentException naming the file and what is wrong with its content
     * @throws UncheckedIOException when the file cannot be read
     */
    public static CrossValidationSplit read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read split file " + file, e);
        }
        return fromJson(text, file.toString());
    }

    /** Parses split JSON; {@code source} names it in error messages. */
    public static CrossValidationSplit fromJson(String json, String source) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isArray() || root.isEmpty()) {
            throw new IllegalArgumentException(
                    source + ": a split file is a non-empty JSON list of {\"train\": [...], \"val\": [...]}");
        }
        List<FoldSplit> folds = new ArrayList<>();
        for (int k = 0; k < root.size(); k++) {
            JsonNode fold = root.get(k);
            if (!fold.isObject()) {
                throw new IllegalArgumentException(source + ": fold " + k + " is not a JSON object");
            }
            folds.add(new FoldSplit(k, ids(fold, "train", k, source), ids(fold, "val", k, source)));
        }
        return new CrossValidationSplit(folds);
    }

    private static List<String> ids(JsonNode fold, String key, int k, String source) {
        JsonNode list = fold.get(key);
        if (list == null || !list.isArray()) {
            throw new IllegalArgumentException(source + ": fold " + k + " has no \"" + key + "\" list");
        }
        List<String> ids = new ArrayList<>(list.size());
        for (JsonNode id : list) {
            if (!id.isTextual()) {
                throw new IllegalArgumentException(
                        source + ": fold " + k + " \"" + key + "\" holds a non-string case id: " + id);
            }
            ids.add(id.asText());
        }
        return ids;
    }
}
