package dev.segfold.contracts.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * Folds as a user writes them, before validation: {@code "all"}, a list such as {@code [0, 1, 3]}
 * or, in a query parameter, {@code 0,1,3}. Entries are kept as text so that validation can name
 * each bad one ({@code folds[2]}) instead of failing on the first while reading JSON.
 *
 * @param all     true for {@code "all"}: folds 0..4
 * @param entries the listed folds as written; empty when {@code all}
 */
public record FoldSelection(boolean all, List<String> entries) {

    /** The word that selects every fold. */
    public static final String ALL = "all";

    /** Copies the entries. */
    public FoldSelection {
        entries = entries == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(entries));
        if (all && !entries.isEmpty()) {
            throw new IllegalArgumentException("FoldSelection is either all or a list, not both");
        }
    }

    /** Folds 0..4. */
    public static FoldSelection allFolds() {
        return new FoldSelection(true, List.of());
    }

    /** Exactly {@code folds}. */
    public static FoldSelection of(int... folds) {
        return new FoldSelection(false, Arrays.stream(folds).mapToObj(Integer::toString).toList());
    }

    /** Exactly {@code folds}. */
    public static FoldSelection of(List<Integer> folds) {
        return new FoldSelection(false, folds.stream().map(String::valueOf).toList());
    }

    /**
     * Parses a query parameter: {@code all}, or folds separated by commas ({@code 0,1,3,4}); an
     * empty value is an empty list.
     */
    public static FoldSelection parse(String text) {
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.equalsIgnoreCase(ALL)) {
            return allFolds();
        }
        if (trimmed.isEmpty()) {
            return new FoldSelection(false, List.of());
        }
        return new FoldSelection(false, Arrays.stream(trimmed.split(",", -1)).map(String::strip).toList());
    }

    /** The JSON creator: a string ({@code "all"} or {@code "0,1"}) or an array of folds. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static FoldSelection fromJson(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return parse(node.textValue());
        }
        if (node.isArray()) {
            List<String> entries = new ArrayList<>();
            node.forEach(e -> entries.add(e.isTextual() ? e.textValue() : e.toString()));
            return new FoldSelection(false, entries);
        }
        // A lone number is one fold; anything else is kept as written and refused by validation.
        return new FoldSelection(false, List.of(node.toString()));
    }

    /** The JSON form: {@code "all"} or the list, numbers where the entries are numbers. */
    @JsonValue
    public Object toJson() {
        if (all) {
            return ALL;
        }
        List<Object> out = new ArrayList<>();
        for (String entry : entries) {
            out.add(entry.matches("-?[0-9]{1,9}") ? (Object) Integer.valueOf(entry) : entry);
        }
        return out;
    }

    /**
     * The selected folds in the order written, reporting each entry that is not a fold 0..4, or
     * that repeats one, as a problem on {@code field[i]}.
     *
     * @param field    the field path to name, e.g. {@code folds}
     * @param problems receives the problems
     * @return the valid folds, without duplicates
     */
    public List<Integer> resolve(String field, Consumer<SpecProblem> problems) {
        if (all) {
            List<Integer> folds = new ArrayList<>();
            for (int k = 0; k < SpecDefaults.FOLD_COUNT; k++) {
                folds.add(k);
            }
            return List.copyOf(folds);
        }
        List<Integer> folds = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i);
            String path = field + "[" + i + "]";
            Integer fold = entry != null && entry.matches("-?[0-9]{1,9}") ? Integer.valueOf(entry) : null;
            if (fold == null) {
                problems.accept(new SpecProblem(path, "\"" + shorten(entry) + "\" is not a fold; expected a number 0.."
                        + (SpecDefaults.FOLD_COUNT - 1) + " or \"all\""));
            } else if (fold < 0 || fold >= SpecDefaults.FOLD_COUNT) {
                problems.accept(new SpecProblem(path, "fold " + fold + " is outside 0.." + (SpecDefaults.FOLD_COUNT - 1)));
            } else if (folds.contains(fold)) {
                problems.accept(new SpecProblem(path, "fold " + fold + " is listed twice"));
            } else {
                folds.add(fold);
            }
        }
        return List.copyOf(folds);
    }

    /** Where {@code fold} is written in this selection (its index for {@code all}), or -1. */
    public int indexOf(int fold) {
        if (all) {
            return fold >= 0 && fold < SpecDefaults.FOLD_COUNT ? fold : -1;
        }
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i);
            if (entry != null && entry.matches("-?[0-9]{1,9}") && Integer.parseInt(entry) == fold) {
                return i;
            }
        }
        return -1;
    }

    private static String shorten(String entry) {
        if (entry == null) {
            return "null";
        }
        String printable = entry.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > 32 ? printable.substring(0, 32) + "..." : printable;
    }
}
