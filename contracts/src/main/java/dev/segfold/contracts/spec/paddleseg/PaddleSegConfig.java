package dev.segfold.contracts.spec.paddleseg;

import dev.segfold.contracts.spec.InvalidSpecException;
import dev.segfold.contracts.spec.SpecProblem;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A PaddleSeg MedicalSeg nnU-Net config as submitted: its text, kept for the per-fold copies, and
 * its tree, loaded with {@link SafeYaml}'s limits. Only the shape is checked here (one document
 * whose root is a mapping); what the keys mean is {@link PaddleSegYamlReader}'s business.
 *
 * @param source a name for messages, e.g. {@code nnunet_fold0.yml}
 * @param text   the document as written
 * @param root   the loaded top-level mapping (unmodifiable)
 */
public record PaddleSegConfig(String source, String text, Map<Object, Object> root) {

    /** Copies the root. */
    public PaddleSegConfig {
        root = Collections.unmodifiableMap(new LinkedHashMap<>(root));
    }

    /**
     * Parses {@code text} with the safe loader and its limits.
     *
     * @throws InvalidSpecException naming why the document was refused (malformed, too large, too
     *                              deep, too many aliases, a forbidden tag, not a mapping)
     */
    @SuppressWarnings("unchecked")
    public static PaddleSegConfig parse(String source, String text) {
        Object loaded = SafeYaml.load(text, source);
        if (!(loaded instanceof Map<?, ?> map)) {
            String what = loaded == null ? "empty" : loaded instanceof List<?> ? "a list"
                    : "a single " + loaded.getClass().getSimpleName().toLowerCase(Locale.ROOT) + " value";
            throw new InvalidSpecException(source, List.of(new SpecProblem("",
                    "the YAML document is " + what + "; a PaddleSeg config is a mapping of keys such as iters and model")));
        }
        return new PaddleSegConfig(source, text, (Map<Object, Object>) map);
    }
}
