package dev.segfold.deployment.compose;

import java.util.Map;
import java.util.Optional;

/**
 * One entry of a service's {@code volumes:}. Without a source the volume is anonymous: every
 * container of a scaled service gets its own.
 *
 * @param source a named volume or host path, empty for an anonymous volume
 * @param target the path inside the container
 */
public record VolumeMount(Optional<String> source, String target) {

    /** Reads the short ({@code name:/path[:ro]}, {@code /path}) or long syntax. */
    static VolumeMount parse(Object raw, String where) {
        if (raw instanceof Map<?, ?>) {
            Map<String, Object> fields = YamlShapes.map(raw, where);
            String target = YamlShapes.scalar(fields.get("target"), where + ".target");
            if (target == null) {
                throw new IllegalArgumentException(where + ".target: the mount path is missing");
            }
            return new VolumeMount(Optional.ofNullable(YamlShapes.scalar(fields.get("source"), where + ".source")),
                    target);
        }
        String[] parts = YamlShapes.scalar(raw, where).split(":");
        if (parts.length == 1) {
            return new VolumeMount(Optional.empty(), parts[0]);
        }
        if (parts.length > 3) {
            throw new IllegalArgumentException(where + ": " + raw + " is not source:target[:mode]");
        }
        return new VolumeMount(Optional.of(parts[0]), parts[1]);
    }
}
