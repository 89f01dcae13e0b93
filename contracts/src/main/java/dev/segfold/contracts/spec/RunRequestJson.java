package dev.segfold.contracts.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.segfold.contracts.json.ContractJson;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the JSON body of {@code POST /runs} strictly: unlike the contracts' event JSON, which
 * ignores unknown fields for compatibility between services, a user's typo ({@code "iteration"})
 * must not be dropped silently. Every unknown field and every value of the wrong type is a
 * problem, all of them at once, each by its path ({@code network.patch}, {@code recipe.momentum}).
 */
public final class RunRequestJson {

    private static final Set<String> FIELDS = names(RunRequest.class);
    private static final Map<String, Set<String>> NESTED = Map.of(
            "network", names(NetworkOverrides.class),
            "recipe", names(RecipeRequest.class));

    private RunRequestJson() {
    }

    /** Reads a UTF-8 JSON body. */
    public static Validated<RunRequest> read(byte[] json) {
        try {
            return read(ContractJson.mapper().readTree(json));
        } catch (IOException e) {
            return malformed(e);
        }
    }

    /** Reads a JSON body. */
    public static Validated<RunRequest> read(String json) {
        try {
            return read(ContractJson.mapper().readTree(json));
        } catch (IOException e) {
            return malformed(e);
        }
    }

    private static Validated<RunRequest> read(JsonNode tree) {
        if (tree == null || !tree.isObject()) {
            return Validated.invalid(List.of(new SpecProblem("", "the body must be a JSON object of run fields, got "
                    + (tree == null || tree.isMissingNode() ? "nothing" : tree.getNodeType().name().toLowerCase(Locale.ROOT)))));
        }
        ObjectMapper mapper = ContractJson.mapper();
        List<SpecProblem> problems = new ArrayList<>();
        ObjectNode clean = mapper.createObjectNode();
        for (Map.Entry<String, JsonNode> field : tree.properties()) {
            String name = field.getKey();
            if (!FIELDS.contains(name)) {
                problems.add(new SpecProblem(printable(name), "is not a run request field; known are "
                        + FIELDS.stream().sorted().toList()));
                continue;
            }
            JsonNode value = field.getValue();
            Set<String> nested = NESTED.get(name);
            if (nested != null && value.isObject()) {
                ObjectNode inner = mapper.createObjectNode();
                for (Map.Entry<String, JsonNode> e : value.properties()) {
                    if (!nested.contains(e.getKey())) {
                        problems.add(new SpecProblem(name + "." + printable(e.getKey()), "is not a field of " + name
                                + "; known are " + nested.stream().sorted().toList()));
                    } else if (converts(name + "." + e.getKey(), e.getValue(), component(name, e.getKey()), problems)) {
                        inner.set(e.getKey(), e.getValue());
                    }
                }
                clean.set(name, inner);
            } else if (converts(name, value, component(null, name), problems)) {
                clean.set(name, value);
            }
        }
        if (!problems.isEmpty()) {
            return Validated.invalid(problems);
        }
        try {
            return Validated.valid(mapper.treeToValue(clean, RunRequest.class));
        } catch (JsonProcessingException e) {
            return Validated.invalid(List.of(new SpecProblem(path(e), reason(e))));
        }
    }

    /** Whether {@code value} reads as the component's type; if not, a problem on {@code path}. */
    private static boolean converts(String path, JsonNode value, RecordComponent component, List<SpecProblem> problems) {
        if (value.isNull()) {
            return true;
        }
        // Jackson would turn 1.5 into 1 and "12" into 12 for an Integer; a request must say what it means.
        Class<?> type = component.getType();
        boolean integral = type == Integer.class || type == Long.class;
        if (integral && !value.isIntegralNumber() || type == Double.class && !value.isNumber()
                || type == Boolean.class && !value.isBoolean() || type == String.class && !value.isTextual()) {
            problems.add(new SpecProblem(path, "must be " + expected(type) + ", got " + shown(value)));
            return false;
        }
        if (type == List.class && value.isArray()) {
            boolean ok = true;
            for (int i = 0; i < value.size(); i++) {
                JsonNode element = value.get(i);
                if (!element.isNull() && !(element.isIntegralNumber() && element.canConvertToInt())) {
                    problems.add(new SpecProblem(path + "[" + i + "]", "must be an integer, got " + shown(element)));
                    ok = false;
                }
            }
            return ok;
        }
        if (type == Integer.class && !value.canConvertToInt()) {
            problems.add(new SpecProblem(path, "is " + value + ", too large"));
            return false;
        }
        try {
            ContractJson.mapper().readerFor(ContractJson.mapper().constructType(component.getGenericType()))
                    .readValue(value);
            return true;
        } catch (IOException e) {
            problems.add(new SpecProblem(path + suffix(e), reason(e)));
            return false;
        }
    }

    private static RecordComponent component(String parent, String name) {
        Class<?> type = parent == null ? RunRequest.class : parent.equals("network") ? NetworkOverrides.class
                : RecipeRequest.class;
        return Arrays.stream(type.getRecordComponents()).filter(c -> c.getName().equals(name)).findFirst()
                .orElseThrow();
    }

    private static String expected(Class<?> type) {
        return type == Integer.class || type == Long.class ? "an integer" : type == Double.class ? "a number"
                : type == Boolean.class ? "true or false" : "a string";
    }

    private static String shown(JsonNode value) {
        String text = value.toString();
        return value.getNodeType().name().toLowerCase(Locale.ROOT) + " " + (text.length() > 40 ? text.substring(0, 40) + "..." : text);
    }

    private static Validated<RunRequest> malformed(IOException e) {
        String where = e instanceof JsonProcessingException jpe && jpe.getLocation() != null
                ? " (line " + jpe.getLocation().getLineNr() + ", column " + jpe.getLocation().getColumnNr() + ")" : "";
        String message = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
        return Validated.invalid(List.of(new SpecProblem("", "the body is not JSON: " + message + where)));
    }

    private static String suffix(IOException e) {
        if (!(e instanceof JsonMappingException jme)) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : jme.getPath()) {
            out.append(ref.getIndex() >= 0 ? "[" + ref.getIndex() + "]" : "." + ref.getFieldName());
        }
        return out.toString();
    }

    private static String path(JsonProcessingException e) {
        String suffix = suffix(e);
        return suffix.startsWith(".") ? suffix.substring(1) : suffix;
    }

    private static String reason(IOException e) {
        String message = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
        return "cannot be read: " + (message == null ? "wrong type" : message.lines().findFirst().orElse(""));
    }

    private static Set<String> names(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).collect(Collectors.toSet());
    }

    private static String printable(String name) {
        String p = name.replaceAll("[^\\x20-\\x7e]", "?");
        return p.length() > 64 ? p.substring(0, 64) + "..." : p;
    }
}
