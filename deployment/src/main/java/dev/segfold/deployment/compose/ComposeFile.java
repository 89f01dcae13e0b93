package dev.segfold.deployment.compose;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * A Compose file read with SnakeYAML's safe loading (no types, no duplicate keys, bounded
 * aliases): its services and named volumes. Variables ({@code ${MINIO_ROOT_USER}}) are kept as
 * written; {@link ComposeVariables} reads them.
 */
public final class ComposeFile {

    private final String origin;
    private final Map<String, ComposeService> services;
    private final Set<String> namedVolumes;

    private ComposeFile(String origin, Map<String, ComposeService> services, Set<String> namedVolumes) {
        this.origin = origin;
        this.services = services;
        this.namedVolumes = namedVolumes;
    }

    /** Reads {@code file}; errors name the file and the field. */
    public static ComposeFile load(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /** Parses Compose YAML; {@code origin} names it in error messages. */
    public static ComposeFile parse(String yaml, String origin) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(100);
        options.setCodePointLimit(1_000_000);
        Object root;
        try {
            root = new Yaml(new SafeConstructor(options)).load(yaml);
        } catch (YAMLException e) {
            throw new IllegalArgumentException(origin + ": not valid YAML: " + e.getMessage(), e);
        }
        Map<String, Object> top = YamlShapes.map(root, origin);
        Map<String, Object> rawServices = YamlShapes.map(top.get("services"), origin + ": services");
        if (rawServices.isEmpty()) {
            throw new IllegalArgumentException(origin + ": services: no service defined");
        }
        Map<String, ComposeService> services = new LinkedHashMap<>();
        rawServices.forEach((name, definition) ->
                services.put(name, ComposeService.parse(name, definition, origin + ": services." + name)));
        Object volumes = top.get("volumes");
        Set<String> namedVolumes = volumes == null ? Set.of()
                : Set.copyOf(YamlShapes.map(volumes, origin + ": volumes").keySet());
        return new ComposeFile(origin, Map.copyOf(services), namedVolumes);
    }

    /** Where the file came from, for messages. */
    public String origin() {
        return origin;
    }

    /** Every service by name. */
    public Map<String, ComposeService> services() {
        return services;
    }

    /** The service {@code name}, if defined. */
    public Optional<ComposeService> find(String name) {
        return Optional.ofNullable(services.get(name));
    }

    /** The service {@code name}; an exception naming the file when it is not defined. */
    public ComposeService service(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException(
                origin + ": services: no service named " + name));
    }

    /** The volumes declared at the top level ({@code volumes:}). */
    public Set<String> namedVolumes() {
        return namedVolumes;
    }
}
