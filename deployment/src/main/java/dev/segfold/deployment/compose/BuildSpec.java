package dev.segfold.deployment.compose;

import java.nio.file.Path;
import java.util.Map;

/**
 * A service's {@code build:}: the context folder (relative to the Compose file) and the
 * Dockerfile (relative to the context).
 *
 * @param context    the build context as written
 * @param dockerfile the Dockerfile path as written, {@code Dockerfile} when not given
 */
public record BuildSpec(String context, String dockerfile) {

    /** Resolves the context against the folder of the Compose file. */
    public Path contextIn(Path composeFolder) {
        return composeFolder.resolve(context).normalize();
    }

    /** Resolves the Dockerfile against the folder of the Compose file. */
    public Path dockerfileIn(Path composeFolder) {
        return contextIn(composeFolder).resolve(dockerfile).normalize();
    }

    static BuildSpec parse(Object raw, String where) {
        if (raw instanceof Map<?, ?>) {
            Map<String, Object> fields = YamlShapes.map(raw, where);
            String context = YamlShapes.scalar(fields.get("context"), where + ".context");
            String dockerfile = YamlShapes.scalar(fields.get("dockerfile"), where + ".dockerfile");
            return new BuildSpec(context == null ? "." : context, dockerfile == null ? "Dockerfile" : dockerfile);
        }
        String context = YamlShapes.scalar(raw, where);
        if (context == null || context.isBlank()) {
            throw new IllegalArgumentException(where + ": the build context is missing");
        }
        return new BuildSpec(context, "Dockerfile");
    }
}
