package dev.segfold.contracts.spec;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A run request or YAML config was refused; {@link #problems()} lists every problem found, not
 * only the first, each naming its field. config-service answers it with a 400 problem-details body.
 */
public class InvalidSpecException extends IllegalArgumentException {

    private final transient List<SpecProblem> problems;

    /**
     * @param what     what was refused, e.g. "run request" or "PaddleSeg YAML"
     * @param problems at least one problem
     */
    public InvalidSpecException(String what, List<SpecProblem> problems) {
        super(message(what, problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem, in the order found. */
    public List<SpecProblem> problems() {
        return problems;
    }

    private static String message(String what, List<SpecProblem> problems) {
        if (problems == null || problems.isEmpty()) {
            throw new IllegalArgumentException("an InvalidSpecException needs at least one problem");
        }
        return what + " is invalid (" + problems.size() + (problems.size() == 1 ? " problem" : " problems") + "): "
                + problems.stream().map(SpecProblem::toString).collect(Collectors.joining("; "));
    }
}
