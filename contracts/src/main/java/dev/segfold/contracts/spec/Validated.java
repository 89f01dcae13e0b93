package dev.segfold.contracts.spec;

import java.util.List;

/**
 * The outcome of a validation that collects every problem: a value, or the problems that
 * prevented it.
 *
 * @param value    the result; null exactly when there are problems
 * @param problems what is wrong, each naming its field; empty when valid
 * @param <T>      the validated type
 */
public record Validated<T>(T value, List<SpecProblem> problems) {

    /** Keeps value and problems consistent. */
    public Validated {
        problems = List.copyOf(problems);
        if ((value == null) == problems.isEmpty()) {
            throw new IllegalArgumentException("Validated needs a value or problems, not both or neither");
        }
    }

    /** A valid result. */
    public static <T> Validated<T> valid(T value) {
        return new Validated<>(value, List.of());
    }

    /** A refusal. */
    public static <T> Validated<T> invalid(List<SpecProblem> problems) {
        return new Validated<>(null, problems);
    }

    /** Whether there is a value. */
    public boolean isValid() {
        return value != null;
    }

    /**
     * The value.
     *
     * @param what what was validated, for the message ("run request")
     * @throws InvalidSpecException listing every problem
     */
    public T orThrow(String what) {
        if (value == null) {
            throw new InvalidSpecException(what, problems);
        }
        return value;
    }
}
