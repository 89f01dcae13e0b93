package dev.segfold.config.submission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segfold.contracts.json.ContractJson;
import dev.segfold.contracts.spec.InvalidSpecException;
import dev.segfold.contracts.spec.NetworkOverrides;
import dev.segfold.contracts.spec.RecipeRequest;
import dev.segfold.contracts.spec.RunRequest;
import dev.segfold.contracts.spec.SpecProblem;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a JSON body into a {@link RunRequest}, refusing what Jackson would silently accept: an
 * unknown field (a typo such as {@code iteratons} must not fall back to the default), a body that
 * is not an object, a value of the wrong type, each named by its JSON path.
 */
final class JsonRunRequests {

    private static final String WHAT = "run request";
    private static final Map<String, Set<String>> KNOWN = Map.of(
            "", names(RunRequest.class),
            "network", names(NetworkOverrides.class),
            "recipe", names(RecipeRequest.class));

    private JsonRunRequests() {
    }

    /** The body as a tree, or a problem naming the document. */
    static JsonNode tree(byte[] body) {
        ObjectMapper mapper = ContractJson.mapper();
        try {
            JsonNode node = mapper.readTree(body);
            if (node == null || !node.isObject()) {
                throw invalid("body", "the JSON body must be an object such as {\"dataset\": \"Task04_Hippocampus\"}");
            }
            return node;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw invalid("body", "malformed JSON: " + e.getOriginalMessage() + where);
        } catch (IOException e) {
            throw invalid("body", "unreadable JSON: " + e.getMessage());
        }
    }

    /** The request in {@code tree}, after checking every field name. */
    static RunRequest request(JsonNode tree) {
        List<SpecProblem> problems = new ArrayList<>();
        unknownFields(tree, "", problems);
        if (!problems.isEmpty()) {
            throw new InvalidSpecException(WHAT, problems);
        }
        try {
            return ContractJson.mapper().treeToValue(tree, RunRequest.class);
        } catch (JsonMappingException e) {
            String field = e.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            throw invalid(field.isEmpty() ? "body" : field, "has the wrong type: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw invalid("body", "unreadable JSON: " + e.getOriginalMessage());
        }
    }

    private static void unknownFields(JsonNode node, String path, List<SpecProblem> problems) {
        Set<String> known = KNOWN.get(path);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            String field = path.isEmpty() ? name : path + "." + name;
            if (!known.contains(name)) {
                problems.add(new SpecProblem(field, "is not a field of a run request; known are "
                        + known.stream().sorted().toList()));
            } else if (KNOWN.containsKey(field) && node.get(name).isObject()) {
                unknownFields(node.get(name), field, problems);
            }
        }
    }

    private static Set<String> names(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).collect(Collectors.toSet());
    }

    private static InvalidSpecException invalid(String field, String reason) {
        return new InvalidSpecException(WHAT, List.of(new SpecProblem(field, reason)));
    }
}
