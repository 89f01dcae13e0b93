package dev.segfold.deployment.compose;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compose's variable interpolation as written in a value: {@code $NAME}, {@code ${NAME}},
 * {@code ${NAME:-default}}, {@code ${NAME-default}}, {@code ${NAME:?message}},
 * {@code ${NAME?message}}, {@code ${NAME:+alternative}}; {@code $$} is a literal dollar (a
 * variable of the container's shell, not of Compose).
 */
public final class ComposeVariables {

    private static final Pattern REFERENCE = Pattern.compile(
            "\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?}|\\$([A-Za-z_][A-Za-z0-9_]*)");

    private ComposeVariables() {
    }

    /**
     * A reference to a Compose variable.
     *
     * @param name     the variable
     * @param operator {@code ""}, {@code ":-"}, {@code "-"}, {@code ":?"}, {@code "?"}, {@code ":+"} or {@code "+"}
     * @param argument the default, message or alternative; empty without an operator
     */
    public record Reference(String name, String operator, String argument) {

        /** Whether Compose refuses to start when the variable is unset ({@code :?} / {@code ?}). */
        public boolean required() {
            return operator.endsWith("?");
        }

        /** The default Compose uses when the variable is unset, if there is one. */
        public Optional<String> defaultValue() {
            return operator.endsWith("-") ? Optional.of(argument) : Optional.empty();
        }
    }

    /** The Compose variables {@code value} refers to, in order; {@code $$} escapes are skipped. */
    public static List<Reference> references(String value) {
        List<Reference> references = new ArrayList<>();
        Matcher matcher = REFERENCE.matcher(value);
        while (matcher.find()) {
            if (matcher.group().equals("$$")) {
                continue;
            }
            if (matcher.group(4) != null) {
                references.add(new Reference(matcher.group(4), "", ""));
            } else {
                String operator = matcher.group(2) == null ? "" : matcher.group(2);
                String argument = matcher.group(3) == null ? "" : matcher.group(3);
                references.add(new Reference(matcher.group(1), operator, argument));
            }
        }
        return List.copyOf(references);
    }

    /**
     * The one variable {@code value} consists of, if the whole value is a single reference
     * (how a secret must be given: from the environment, never written into the file).
     */
    public static Optional<Reference> wholeValueReference(String value) {
        Matcher matcher = REFERENCE.matcher(value.strip());
        if (!matcher.matches() || matcher.group().equals("$$")) {
            return Optional.empty();
        }
        return references(value.strip()).stream().findFirst();
    }
}
