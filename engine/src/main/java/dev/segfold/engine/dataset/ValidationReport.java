package dev.segfold.engine.dataset;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The result of validating a data set: every problem found, each naming its file.
 *
 * @param root the data set folder
 * @param trainingCases number of training cases checked
 * @param testCases number of test cases checked
 * @param problems errors and warnings in the order found
 */
public record ValidationReport(Path root, int trainingCases, int testCases, List<DatasetProblem> problems) {
    public ValidationReport {
        problems = List.copyOf(problems);
    }

    public List<DatasetProblem> errors() {
        return problems.stream().filter(p -> p.severity() == DatasetProblem.Severity.ERROR).toList();
    }

    public List<DatasetProblem> warnings() {
        return problems.stream().filter(p -> p.severity() == DatasetProblem.Severity.WARNING).toList();
    }

    /** True when there are no errors (warnings allowed). */
    public boolean isValid() {
        return errors().isEmpty();
    }

    /** A readable summary: counts, then one line per problem. */
    public String describe() {
        String head = root + ": " + trainingCases + " training and " + testCases + " test cases, "
                + errors().size() + " errors, " + warnings().size() + " warnings";
        return problems.isEmpty() ? head
                : head + "\n" + problems.stream().map(DatasetProblem::toString).collect(Collectors.joining("\n"));
    }
}
