package dev.segfold.contracts.spec.paddleseg;

import dev.segfold.contracts.spec.InvalidSpecException;
import dev.segfold.contracts.spec.SpecProblem;
import java.io.StringReader;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * SnakeYAML set up for documents from strangers: the safe constructor (plain maps, lists and
 * scalars; no class of ours or the JDK is ever instantiated, {@code !!java.lang...} tags are
 * refused), no custom global tags, and limits that stop the classic attacks before they cost
 * memory or stack: few aliases to collections (billion laughs), no recursive keys, a nesting depth
 * limit, a size limit in code points, no duplicate keys (which of two {@code fold:} would win?).
 */
public final class SafeYaml {

    /** Most aliases to collections a document may use; a PaddleSeg config uses none. */
    public static final int MAX_ALIASES = 10;
    /** Deepest nesting of collections; a PaddleSeg config nests 5 deep. */
    public static final int MAX_NESTING_DEPTH = 32;
    /** Largest document in code points; a PaddleSeg config is about 2 000. */
    public static final int MAX_CODE_POINTS = 1_000_000;

    private SafeYaml() {
    }

    /** The loader options above. */
    public static LoaderOptions options() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(MAX_NESTING_DEPTH);
        options.setCodePointLimit(MAX_CODE_POINTS);
        options.setAllowDuplicateKeys(false);
        options.setTagInspector(tag -> false);
        return options;
    }

    /** A new parser with {@link #options()}; SnakeYAML parsers are not thread-safe. */
    public static Yaml yaml() {
        // The constructor's options are the Yaml's loading options, so composing gets the limits too.
        return new Yaml(new SafeConstructor(options()));
    }

    /**
     * Loads one document into plain Java values (maps, lists, strings, numbers, booleans, null).
     *
     * @param source what the text is, named in problems (e.g. "nnunet_fold0.yml")
     * @throws InvalidSpecException with one document-level problem saying why it was refused
     */
    public static Object load(String text, String source) {
        requireSize(text, source);
        try {
            return yaml().load(text);
        } catch (RuntimeException | StackOverflowError e) {
            throw refused(source, e);
        }
    }

    /**
     * Composes one document into SnakeYAML's node tree, which keeps where each value stands in the
     * text; same limits as {@link #load}.
     */
    public static Node compose(String text, String source) {
        requireSize(text, source);
        try {
            return yaml().compose(new StringReader(text));
        } catch (RuntimeException | StackOverflowError e) {
            throw refused(source, e);
        }
    }

    private static void requireSize(String text, String source) {
        if (text == null) {
            throw new InvalidSpecException(source, List.of(new SpecProblem("", "the YAML document is missing")));
        }
        // Checked here before SnakeYAML scans anything (its own limit stays as a second guard).
        int codePoints = text.codePointCount(0, text.length());
        if (codePoints > MAX_CODE_POINTS) {
            throw new InvalidSpecException(source, List.of(new SpecProblem("", "the YAML document has "
                    + codePoints + " characters; at most " + MAX_CODE_POINTS + " are accepted")));
        }
    }

    private static InvalidSpecException refused(String source, Throwable e) {
        String reason;
        if (e instanceof StackOverflowError) {
            reason = "the YAML document nests too deeply";
        } else if (e instanceof MarkedYAMLException marked) {
            String where = marked.getProblemMark() == null ? ""
                    : " (line " + (marked.getProblemMark().getLine() + 1) + ", column "
                    + (marked.getProblemMark().getColumn() + 1) + ")";
            String problem = marked.getProblem() == null ? marked.getMessage() : marked.getProblem();
            String context = marked.getContext() == null ? "" : marked.getContext() + ": ";
            reason = "the YAML cannot be read: " + context + firstLine(problem) + where;
        } else {
            reason = "the YAML cannot be read: " + firstLine(e.getMessage());
        }
        return new InvalidSpecException(source, List.of(new SpecProblem("", reason)));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        String line = message.strip().lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
