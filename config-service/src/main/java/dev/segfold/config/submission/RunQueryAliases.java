package dev.segfold.config.submission;

import dev.segfold.contracts.spec.InvalidSpecException;
import dev.segfold.contracts.spec.SpecProblem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The short query names the REST API accepts beside the spec's own: {@code import=2} for
 * {@code importedFolds=2}, as the workflow this replaces says "fold 2 is imported".
 */
final class RunQueryAliases {

    /** Alias to the spec's parameter name. */
    static final Map<String, String> ALIASES = Map.of("import", "importedFolds");

    private RunQueryAliases() {
    }

    /** The parameters with aliases replaced; an alias given beside its target is a problem. */
    static Map<String, List<String>> resolve(Map<String, List<String>> query) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        query.forEach((name, values) -> {
            String target = ALIASES.getOrDefault(name, name);
            if (out.containsKey(target)) {
                throw new InvalidSpecException("query", List.of(new SpecProblem(name,
                        "is the same parameter as " + target + "; give only one of them")));
            }
            out.put(target, List.copyOf(values));
        });
        return out;
    }
}
