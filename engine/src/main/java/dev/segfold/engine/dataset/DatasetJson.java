package dev.segfold.engine.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads and writes {@code dataset.json}: the MSD form (also nnU-Net v1's) and, on read, the
 * nnU-Net v2 form ({@code channel_names}, labels as name to value, no training list).
 */
public final class DatasetJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DatasetJson() {}

    public static DatasetDescriptor read(Path file) throws IOException {
        JsonNode root;
        try {
            root = MAPPER.readTree(file.toFile());
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new DatasetFormatException(file + ": no dataset.json", e);
        } catch (JsonProcessingException e) {
            throw new DatasetFormatException(file + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new DatasetFormatException(file + ": expected a JSON object");
        }
        JsonNode modalityNode = root.has("modality") ? root.get("modality") : root.get("channel_names");
        if (modalityNode == null || !modalityNode.isObject() || modalityNode.isEmpty()) {
            throw new DatasetFormatException(file + ": field 'modality' (or 'channel_names') must be a non-empty object");
        }
        SortedMap<Integer, String> modalities = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = modalityNode.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            modalities.put(parseIndex(file, "modality", e.getKey()), e.getValue().asText());
        }
        for (int i = 0; i < modalities.size(); i++) {
            if (!modalities.containsKey(i)) {
                throw new DatasetFormatException(file + ": field 'modality' must number channels 0.."
                        + (modalities.size() - 1) + ", got " + modalities.keySet());
            }
        }
        JsonNode labelNode = root.get("labels");
        if (labelNode == null || !labelNode.isObject() || labelNode.isEmpty()) {
            throw new DatasetFormatException(file + ": field 'labels' must be a non-empty object");
        }
        SortedMap<Integer, String> labels = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = labelNode.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isInt()) {
                labels.put(e.getValue().asInt(), e.getKey()); // nnU-Net v2: name -> value
            } else if (e.getValue().isTextual()) {
                labels.put(parseIndex(file, "labels", e.getKey()), e.getValue().asText());
            } else {
                throw new DatasetFormatException(file + ": field 'labels' entry '" + e.getKey()
                        + "' must be a name or an integer value (region-based labels are not supported)");
            }
        }
        List<TrainingPair> training = new ArrayList<>();
        JsonNode trainingNode = root.get("training");
        if (trainingNode != null) {
            if (!trainingNode.isArray()) {
                throw new DatasetFormatException(file + ": field 'training' must be a list");
            }
            int i = 0;
            for (JsonNode entry : trainingNode) {
                JsonNode image = entry.get("image");
                JsonNode label = entry.get("label");
                if (image == null || !image.isTextual() || label == null || !label.isTextual()) {
                    throw new DatasetFormatException(file + ": field 'training[" + i
                            + "]' must have text fields 'image' and 'label'");
                }
                training.add(new TrainingPair(image.asText(), label.asText()));
                i++;
            }
        }
        List<String> test = new ArrayList<>();
        JsonNode testNode = root.get("test");
        if (testNode != null) {
            if (!testNode.isArray()) {
                throw new DatasetFormatException(file + ": field 'test' must be a list");
            }
            for (JsonNode entry : testNode) {
                if (!entry.isTextual()) {
                    throw new DatasetFormatException(file + ": field 'test' must list paths, got " + entry);
                }
                test.add(entry.asText());
            }
        }
        return new DatasetDescriptor(text(root, "name"), text(root, "description"), text(root, "reference"),
                text(root, "licence"), root.has("release") ? text(root, "release") : text(root, "relase"),
                text(root, "tensorImageSize"), modalities, labels, training, test);
    }

    /** Writes the MSD form, with numTraining and numTest from the lists. */
    public static void write(Path file, DatasetDescriptor d) throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("name", d.name());
        root.put("description", d.description());
        root.put("reference", d.reference());
        root.put("licence", d.licence());
        root.put("release", d.release());
        root.put("tensorImageSize", d.tensorImageSize());
        ObjectNode modality = root.putObject("modality");
        d.modalities().forEach((k, v) -> modality.put(String.valueOf(k), v));
        ObjectNode labels = root.putObject("labels");
        d.labels().forEach((k, v) -> labels.put(String.valueOf(k), v));
        root.put("numTraining", d.training().size());
        root.put("numTest", d.test().size());
        ArrayNode training = root.putArray("training");
        for (TrainingPair p : d.training()) {
            training.addObject().put("image", p.image()).put("label", p.label());
        }
        ArrayNode test = root.putArray("test");
        d.test().forEach(test::add);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, MAPPER.writeValueAsString(root) + "\n");
    }

    private static int parseIndex(Path file, String field, String key) throws DatasetFormatException {
        try {
            return Integer.parseInt(key.trim());
        } catch (NumberFormatException e) {
            throw new DatasetFormatException(file + ": field '" + field + "' key '" + key + "' is not an integer");
        }
    }

    private static String text(JsonNode root, String field) {
        JsonNode n = root.get(field);
        return n == null || n.isNull() ? "" : n.asText();
    }
}
