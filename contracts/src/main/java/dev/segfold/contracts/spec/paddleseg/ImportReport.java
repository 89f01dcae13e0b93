package dev.segfold.contracts.spec.paddleseg;

import dev.segfold.contracts.spec.SpecProblem;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What reading one config found, gathered while walking it. */
final class ImportReport {
    final Set<String> used = new LinkedHashSet<>();
    final List<String> unknown = new ArrayList<>();
    final List<SpecProblem> problems = new ArrayList<>();
    final List<SpecProblem> warnings = new ArrayList<>();
    final List<PathMapping> mappings = new ArrayList<>();

    void problem(String field, String reason) {
        problems.add(new SpecProblem(field, reason));
    }

    void warning(String field, String reason) {
        warnings.add(new SpecProblem(field, reason));
    }
}
