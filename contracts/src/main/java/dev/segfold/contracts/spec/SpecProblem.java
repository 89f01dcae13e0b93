package dev.segfold.contracts.spec;

/**
 * One thing wrong (or worth a warning) in a run request or a YAML config, by the path of the field
 * it concerns, so that it can become one entry of an RFC 9457 problem-details response.
 *
 * @param field  the field path as the user wrote it: {@code dataset}, {@code folds[2]},
 *               {@code train_dataset.fold}, {@code loss.types[0].losses[0].do_bg}; an empty
 *               string for the document as a whole
 * @param reason what is wrong, in words, with the offending value where it helps
 */
public record SpecProblem(String field, String reason) {

    /** Requires both parts. */
    public SpecProblem {
        if (field == null || reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("SpecProblem needs a field and a reason");
        }
    }

    @Override
    public String toString() {
        return field.isEmpty() ? reason : field + ": " + reason;
    }
}
