package dev.segfold.client.request;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.segfold.contracts.json.ContractJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The JSON body of {@code POST /runs} as the client assembles it, in three layers, later winning:
 * a spec file ({@code --spec run.json}, any fields of the run request), the command's own flags
 * ({@code --iterations}, {@code --precision}, ...), then {@code --set path=value} assignments in
 * the order given ({@code --set recipe.learningRate=0.005}). The client checks only the shape of
 * an assignment; the server validates the request and names any bad field, so the client never
 * disagrees with it about what a field means.
 */
public final class RunRequestBody {
    /** A field path: JSON field names separated by dots, e.g. {@code recipe.learningRate}. */
    private static final Pattern PATH = Pattern.compile("[A-Za-z][A-Za-z0-9]*(\\.[A-Za-z][A-Za-z0-9]*)*");

    private final ObjectNode root;

    private RunRequestBody(ObjectNode root) {
        this.root = root;
    }

    /** An empty request. */
    public static RunRequestBody empty() {
        return new RunRequestBody(JsonNodeFactory.instance.objectNode());
    }

    /**
     * The request in {@code specFile}.
     *
     * @throws IllegalArgumentException naming the file when it is not a JSON object
     */
    public static RunRequestBody fromFile(Path specFile) throws IOException {
        JsonNode tree;
        try {
            tree = ContractJson.mapper().readTree(Files.readString(specFile));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(specFile + " is not JSON: " + e.getOriginalMessage(), e);
        }
        if (tree == null || !tree.isObject()) {
            throw new IllegalArgumentException(specFile + " must hold one JSON object (a run request)");
        }
        return new RunRequestBody((ObjectNode) tree);
    }

    /** Sets {@code path} to {@code value} unless the value is null (a flag that was not given). */
    public RunRequestBody flag(String path, Object value) {
        if (value != null) {
            put(path, ContractJson.mapper().valueToTree(value));
        }
        return this;
    }

    /**
     * Applies one {@code --set} assignment, {@code path=value}: the value is read as JSON where it
     * is JSON ({@code 0.005}, {@code false}, {@code [40,56,40]}, {@code null}), else taken as text
     * ({@code precision=bf16}).
     *
     * @throws IllegalArgumentException naming the assignment when it has no {@code =} or a bad path
     */
    public RunRequestBody set(String assignment) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("--set " + assignment + ": expected PATH=VALUE, e.g. "
                    + "recipe.learningRate=0.005");
        }
        String path = assignment.substring(0, eq).trim();
        if (!PATH.matcher(path).matches()) {
            throw new IllegalArgumentException("--set " + assignment + ": '" + path + "' is not a field path "
                    + "(field names joined by dots, e.g. network.baseFeatures)");
        }
        put(path, value(assignment.substring(eq + 1).trim()));
        return this;
    }

    /** Applies {@code assignments} in order. */
    public RunRequestBody setAll(List<String> assignments) {
        if (assignments != null) {
            assignments.forEach(this::set);
        }
        return this;
    }

    /** The request as JSON text. */
    public String json() {
        return ContractJson.writeString(root);
    }

    /** The request as a tree (tests, messages). */
    public ObjectNode tree() {
        return root.deepCopy();
    }

    /** The top-level fields that are plain values, as query parameters of a YAML submission take them. */
    public Map<String, JsonNode> topLevel() {
        Map<String, JsonNode> out = new java.util.LinkedHashMap<>();
        root.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    private void put(String path, JsonNode value) {
        String[] names = path.split("\\.");
        ObjectNode node = root;
        for (int i = 0; i < names.length - 1; i++) {
            JsonNode child = node.get(names[i]);
            if (child == null || child.isNull()) {
                node = node.putObject(names[i]);
            } else if (child.isObject()) {
                node = (ObjectNode) child;
            } else {
                throw new IllegalArgumentException("cannot set " + path + ": " + String.join(".",
                        java.util.Arrays.copyOf(names, i + 1)) + " is already " + child + ", not an object");
            }
        }
        node.set(names[names.length - 1], value);
    }

    private static JsonNode value(String text) {
        try {
            JsonNode parsed = ContractJson.mapper().reader()
                    .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(text);
            return parsed == null || parsed.isMissingNode() ? TextNode.valueOf(text) : parsed;
        } catch (IOException e) {
            return TextNode.valueOf(text); // 3d_fullres, bf16, a name: text
        }
    }
}
