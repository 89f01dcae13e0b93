package dev.segfold.config.security;

/**
 * A caller with the {@code submit} role asked to change a run someone else submitted (403): only
 * the submitter and admins may cancel a run.
 */
public class NotRunSubmitterException extends RuntimeException {
    private final String runId;

    public NotRunSubmitterException(String runId, String message) {
        super(message);
        this.runId = runId;
    }

    public String runId() {
        return runId;
    }
}
