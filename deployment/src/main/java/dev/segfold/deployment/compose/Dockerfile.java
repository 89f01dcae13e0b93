package dev.segfold.deployment.compose;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The facts of a Dockerfile a deployment check needs: base images, what {@code COPY} takes from
 * the build context, the exposed ports and the {@code ENV} defaults. Continuation lines and
 * comments are handled; the JSON form of {@code COPY} is read too.
 *
 * @param origin       where it came from, for messages
 * @param baseImages   every {@code FROM} image, in order
 * @param copySources  every {@code COPY}/{@code ADD} source, as written (no {@code --from} stages)
 * @param exposedPorts every {@code EXPOSE}d port
 * @param environment  every {@code ENV} setting, the last one winning
 */
public record Dockerfile(String origin, List<String> baseImages, List<String> copySources,
                         List<Integer> exposedPorts, Map<String, String> environment) {

    /** Copies the collections. */
    public Dockerfile {
        baseImages = List.copyOf(baseImages);
        copySources = List.copyOf(copySources);
        exposedPorts = List.copyOf(exposedPorts);
        environment = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    }

    /** Reads {@code file}. */
    public static Dockerfile load(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /** Parses Dockerfile text; {@code origin} names it in messages. */
    public static Dockerfile parse(String text, String origin) {
        List<String> from = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        Map<String, String> env = new LinkedHashMap<>();
        for (String instruction : instructions(text)) {
            String[] split = instruction.split("\\s+", 2);
            String keyword = split[0].toUpperCase(Locale.ROOT);
            String arguments = split.length > 1 ? split[1].strip() : "";
            switch (keyword) {
                case "FROM" -> from.add(words(arguments).stream()
                        .filter(w -> !w.startsWith("--")).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException(origin + ": FROM without an image")));
                case "COPY", "ADD" -> {
                    List<String> words = arguments.startsWith("[") ? jsonArray(arguments, origin) : words(arguments);
                    if (words.stream().anyMatch(w -> w.startsWith("--from"))) {
                        continue;
                    }
                    List<String> paths = words.stream().filter(w -> !w.startsWith("--")).toList();
                    if (paths.size() < 2) {
                        throw new IllegalArgumentException(origin + ": " + keyword + " " + arguments
                                + " needs a source and a destination");
                    }
                    sources.addAll(paths.subList(0, paths.size() - 1));
                }
                case "EXPOSE" -> {
                    for (String port : words(arguments)) {
                        ports.add(PortMapping.port(port.replaceFirst("/(tcp|udp)$", ""), origin + ": EXPOSE"));
                    }
                }
                case "ENV" -> env.putAll(environment(arguments, origin));
                default -> {
                    // other instructions do not concern the deployment's wiring
                }
            }
        }
        return new Dockerfile(origin, from, sources, ports, env);
    }

    private static List<String> instructions(String text) {
        List<String> result = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\\R")) {
            String stripped = line.strip();
            if (stripped.startsWith("#") || (stripped.isEmpty() && current.length() == 0)) {
                continue;
            }
            if (stripped.endsWith("\\")) {
                current.append(stripped, 0, stripped.length() - 1).append(' ');
                continue;
            }
            current.append(stripped);
            if (current.toString().isBlank()) {
                current.setLength(0);
                continue;
            }
            result.add(current.toString().strip());
            current.setLength(0);
        }
        if (!current.toString().isBlank()) {
            result.add(current.toString().strip());
        }
        return result;
    }

    private static List<String> words(String arguments) {
        return arguments.isBlank() ? List.of() : List.of(arguments.strip().split("\\s+"));
    }

    private static List<String> jsonArray(String arguments, String origin) {
        if (!arguments.endsWith("]")) {
            throw new IllegalArgumentException(origin + ": " + arguments + " is not a JSON array");
        }
        List<String> items = new ArrayList<>();
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"")
                .matcher(arguments);
        while (matcher.find()) {
            items.add(matcher.group(1));
        }
        return items;
    }

    private static Map<String, String> environment(String arguments, String origin) {
        Map<String, String> env = new LinkedHashMap<>();
        if (!arguments.contains("=")) {
            String[] legacy = arguments.split("\\s+", 2);
            env.put(legacy[0], legacy.length > 1 ? legacy[1] : "");
            return env;
        }
        java.util.regex.Matcher matcher = java.util.regex.Pattern
                .compile("([A-Za-z_][A-Za-z0-9_]*)=(\"(?:[^\"\\\\]|\\\\.)*\"|\\S*)").matcher(arguments);
        while (matcher.find()) {
            String value = matcher.group(2);
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            env.put(matcher.group(1), value);
        }
        if (env.isEmpty()) {
            throw new IllegalArgumentException(origin + ": ENV " + arguments + " sets nothing");
        }
        return env;
    }
}
