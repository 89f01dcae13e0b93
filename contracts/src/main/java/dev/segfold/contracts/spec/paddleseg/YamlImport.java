package dev.segfold.contracts.spec.paddleseg;

import dev.segfold.contracts.spec.RunSpec;
import dev.segfold.contracts.spec.SpecProblem;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A PaddleSeg config accepted as a run, with what the user must be told about it: where each path
 * went, which keys Segfold does not know, and which keys it read but cannot honour exactly.
 *
 * @param spec        the validated run
 * @param mappings    every path of the author's file system and its object-store location
 * @param unknownKeys YAML paths of keys Segfold does not know (e.g. {@code model.dropout}); their
 *                    values had no effect
 * @param warnings    keys read but without effect or with a caveat (e.g. {@code batch_size}, which
 *                    PaddleSeg ignores as well)
 * @param usedKeys    YAML paths of every key read and mapped into the spec or checked against it
 */
public record YamlImport(RunSpec spec, List<PathMapping> mappings, List<String> unknownKeys,
                         List<SpecProblem> warnings, List<String> usedKeys) {

    /** Copies the lists. */
    public YamlImport {
        mappings = List.copyOf(mappings);
        unknownKeys = List.copyOf(unknownKeys);
        warnings = List.copyOf(warnings);
        usedKeys = List.copyOf(usedKeys);
    }

    /** Keys the user is told about: mapped paths, unknown keys and keys with a warning. */
    public Set<String> reportedKeys() {
        Set<String> reported = new TreeSet<>(unknownKeys);
        mappings.forEach(m -> reported.add(m.field()));
        warnings.forEach(w -> reported.add(w.field()));
        return reported;
    }
}
