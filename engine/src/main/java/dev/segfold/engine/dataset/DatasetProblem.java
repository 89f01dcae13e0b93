package dev.segfold.engine.dataset;

import java.nio.file.Path;

/**
 * One finding of {@link DatasetValidator}.
 *
 * @param severity whether training can go ahead
 * @param file the file concerned (dataset.json for data-set-wide problems)
 * @param caseId the case concerned, or null for data-set-wide problems
 * @param message what is wrong, in words
 */
public record DatasetProblem(Severity severity, Path file, String caseId, String message) {
    /** Errors stop training; warnings are repaired or harmless (nnU-Net goes ahead). */
    public enum Severity {
        ERROR,
        WARNING
    }

    @Override
    public String toString() {
        return severity + " " + file + (caseId != null ? " [" + caseId + "]" : "") + ": " + message;
    }
}
