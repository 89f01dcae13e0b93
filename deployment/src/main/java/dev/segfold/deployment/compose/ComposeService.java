package dev.segfold.deployment.compose;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One service of a Compose file, the fields a deployment check reads. Environment values keep
 * their YAML type ({@link #environment()}), since {@code on} unquoted is a boolean to YAML 1.1
 * readers and a string to others.
 *
 * @param name          the service name (its host name on the Compose network)
 * @param image         the image reference, if given
 * @param build         how the image is built, if it is
 * @param containerName a fixed container name, if given (it forbids {@code --scale})
 * @param ports         published ports
 * @param expose        ports exposed to the Compose network only
 * @param environment   variables as written, values of their YAML type
 * @param volumes       mounts
 * @param dependsOn     service name to condition ({@code service_started} when not given)
 * @param entrypoint    the entrypoint as a list (a string entrypoint is one element)
 * @param command       the command as a list (a string command is one element)
 * @param healthcheck   the health check's test, empty when there is none
 * @param restart       the restart policy, if given
 * @param networkMode   {@code network_mode}, if given (e.g. {@code service:kafka}: that container's network)
 */
public record ComposeService(
        String name,
        Optional<String> image,
        Optional<BuildSpec> build,
        Optional<String> containerName,
        List<PortMapping> ports,
        List<Integer> expose,
        Map<String, Object> environment,
        List<VolumeMount> volumes,
        Map<String, String> dependsOn,
        List<String> entrypoint,
        List<String> command,
        List<String> healthcheck,
        Optional<String> restart,
        Optional<String> networkMode) {

    /** The condition Compose assumes for a {@code depends_on} entry without one. */
    public static final String SERVICE_STARTED = "service_started";

    /** Copies the collections. */
    public ComposeService {
        ports = List.copyOf(ports);
        expose = List.copyOf(expose);
        environment = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        volumes = List.copyOf(volumes);
        dependsOn = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(dependsOn));
        entrypoint = List.copyOf(entrypoint);
        command = List.copyOf(command);
        healthcheck = List.copyOf(healthcheck);
    }

    /** The variable {@code key} as text (numbers and booleans as written), if set. */
    public Optional<String> env(String key) {
        Object value = environment.get(key);
        return value == null ? Optional.empty() : Optional.of(String.valueOf(value));
    }

    /** Entrypoint and command joined into the text a shell would run, for reading scripts. */
    public String script() {
        List<String> all = new ArrayList<>(entrypoint);
        all.addAll(command);
        return String.join("\n", all);
    }

    /** Reads one service definition; {@code where} names it in messages. */
    static ComposeService parse(String name, Object definition, String where) {
        Map<String, Object> fields = YamlShapes.map(definition, where);
        Optional<String> image = Optional.ofNullable(YamlShapes.scalar(fields.get("image"), where + ".image"));
        Optional<BuildSpec> build = fields.containsKey("build")
                ? Optional.of(BuildSpec.parse(fields.get("build"), where + ".build"))
                : Optional.empty();
        Optional<String> containerName = Optional.ofNullable(
                YamlShapes.scalar(fields.get("container_name"), where + ".container_name"));
        List<PortMapping> ports = new ArrayList<>();
        List<Object> rawPorts = YamlShapes.list(fields.get("ports"), where + ".ports");
        for (int i = 0; i < rawPorts.size(); i++) {
            ports.add(PortMapping.parse(rawPorts.get(i), where + ".ports[" + i + "]"));
        }
        List<Integer> expose = new ArrayList<>();
        List<Object> rawExpose = YamlShapes.list(fields.get("expose"), where + ".expose");
        for (int i = 0; i < rawExpose.size(); i++) {
            expose.add(PortMapping.port(YamlShapes.scalar(rawExpose.get(i), where + ".expose[" + i + "]")
                    .replaceFirst("/(tcp|udp)$", ""), where + ".expose[" + i + "]"));
        }
        List<VolumeMount> volumes = new ArrayList<>();
        List<Object> rawVolumes = YamlShapes.list(fields.get("volumes"), where + ".volumes");
        for (int i = 0; i < rawVolumes.size(); i++) {
            volumes.add(VolumeMount.parse(rawVolumes.get(i), where + ".volumes[" + i + "]"));
        }
        Map<String, Object> healthcheck = YamlShapes.map(fields.get("healthcheck"), where + ".healthcheck");
        return new ComposeService(name, image, build, containerName, ports, expose,
                environment(fields.get("environment"), where + ".environment"),
                volumes,
                dependsOn(fields.get("depends_on"), where + ".depends_on"),
                commandLine(fields.get("entrypoint"), where + ".entrypoint"),
                commandLine(fields.get("command"), where + ".command"),
                commandLine(healthcheck.get("test"), where + ".healthcheck.test"),
                Optional.ofNullable(YamlShapes.scalar(fields.get("restart"), where + ".restart")),
                Optional.ofNullable(YamlShapes.scalar(fields.get("network_mode"), where + ".network_mode")));
    }

    private static Map<String, Object> environment(Object raw, String where) {
        Map<String, Object> result = new LinkedHashMap<>();
        if (raw instanceof List<?>) {
            List<Object> entries = YamlShapes.list(raw, where);
            for (int i = 0; i < entries.size(); i++) {
                String entry = YamlShapes.scalar(entries.get(i), where + "[" + i + "]");
                int equals = entry.indexOf('=');
                if (equals <= 0) {
                    throw new IllegalArgumentException(where + "[" + i + "]: " + entry
                            + " is not NAME=value (a bare NAME passes the host's variable, which this deployment does not use)");
                }
                result.put(entry.substring(0, equals), entry.substring(equals + 1));
            }
            return result;
        }
        YamlShapes.map(raw, where).forEach((key, value) -> {
            YamlShapes.scalar(value, where + "." + key);
            result.put(key, value == null ? "" : value);
        });
        return result;
    }

    private static Map<String, String> dependsOn(Object raw, String where) {
        Map<String, String> result = new LinkedHashMap<>();
        if (raw instanceof List<?>) {
            for (Object item : YamlShapes.list(raw, where)) {
                result.put(YamlShapes.scalar(item, where), SERVICE_STARTED);
            }
            return result;
        }
        YamlShapes.map(raw, where).forEach((service, options) -> {
            Object condition = YamlShapes.map(options, where + "." + service).get("condition");
            result.put(service, condition == null ? SERVICE_STARTED
                    : YamlShapes.scalar(condition, where + "." + service + ".condition"));
        });
        return result;
    }

    private static List<String> commandLine(Object raw, String where) {
        if (raw == null) {
            return List.of();
        }
        if (raw instanceof List<?>) {
            List<String> parts = new ArrayList<>();
            List<Object> items = YamlShapes.list(raw, where);
            for (int i = 0; i < items.size(); i++) {
                parts.add(YamlShapes.scalar(items.get(i), where + "[" + i + "]"));
            }
            return parts;
        }
        return List.of(YamlShapes.scalar(raw, where));
    }
}
