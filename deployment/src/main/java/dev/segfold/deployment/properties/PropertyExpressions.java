package dev.segfold.deployment.properties;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * SmallRye Config's property expressions in a value: {@code ${name}} and
 * {@code ${name:default}}, where the default may hold expressions of its own
 * ({@code ${SEGFOLD_WORK_DIR:${java.io.tmpdir}/segfold}}). A {@code \$} is a literal dollar.
 */
public final class PropertyExpressions {

    private PropertyExpressions() {
    }

    /**
     * One top-level expression.
     *
     * @param name         the property it looks up
     * @param defaultValue the text after the first ':', if any (may hold expressions)
     */
    public record Expression(String name, Optional<String> defaultValue) {
    }

    /** The top-level expressions of {@code value}, in order; {@code where} names it in messages. */
    public static List<Expression> parse(String value, String where) {
        List<Expression> expressions = new ArrayList<>();
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                i += 2;
                continue;
            }
            if (c == '$' && i + 1 < value.length() && value.charAt(i + 1) == '{') {
                int end = closingBrace(value, i + 2, where);
                expressions.add(expression(value.substring(i + 2, end), where));
                i = end + 1;
                continue;
            }
            i++;
        }
        return List.copyOf(expressions);
    }

    /**
     * The names that leave {@code value} unresolved: an expression whose name is not
     * {@code provided} and whose default is missing or itself unresolved.
     */
    public static List<String> unresolved(String value, Predicate<String> provided, String where) {
        List<String> missing = new ArrayList<>();
        for (Expression expression : parse(value, where)) {
            if (provided.test(expression.name())) {
                continue;
            }
            if (expression.defaultValue().isEmpty()) {
                missing.add(expression.name());
            } else {
                missing.addAll(unresolved(expression.defaultValue().get(), provided, where));
            }
        }
        return List.copyOf(missing);
    }

    private static Expression expression(String body, String where) {
        int depth = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            } else if (c == ':' && depth == 0) {
                return new Expression(name(body.substring(0, i), where), Optional.of(body.substring(i + 1)));
            }
        }
        return new Expression(name(body, where), Optional.empty());
    }

    private static String name(String name, String where) {
        if (name.isBlank() || name.contains("$")) {
            throw new IllegalArgumentException(where + ": expression ${" + name + "} has no plain property name");
        }
        return name.strip();
    }

    private static int closingBrace(String value, int from, String where) {
        int depth = 1;
        for (int i = from; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException(where + ": expression in \"" + value + "\" has no closing '}'");
    }
}
