package dev.segfold.contracts.spec;

import java.util.Map;

/**
 * How validation names a field: by its path in the JSON request, or, for a value that came from a
 * PaddleSeg YAML, by its path in that file ({@code iterations} is reported as {@code iters}).
 */
@FunctionalInterface
public interface FieldNames {

    /** JSON request paths as they are. */
    FieldNames JSON = path -> path;

    /** The name to report for the request path {@code path}, e.g. {@code folds[2]}. */
    String name(String path);

    /**
     * Renames by the longest entry of {@code renames} that is {@code path} itself or a parent of it
     * ({@code recipe} is a parent of {@code recipe.momentum}, {@code folds} of {@code folds[0]});
     * other paths stay as they are.
     */
    static FieldNames renaming(Map<String, String> renames) {
        Map<String, String> copy = Map.copyOf(renames);
        return path -> {
            String best = null;
            for (String from : copy.keySet()) {
                boolean matches = path.equals(from) || path.startsWith(from + ".") || path.startsWith(from + "[");
                if (matches && (best == null || from.length() > best.length())) {
                    best = from;
                }
            }
            return best == null ? path : copy.get(best) + path.substring(best.length());
        };
    }
}
