package dev.segfold.evaluator.service;

/** A checkpoint file does not match its manifest (missing, wrong size, wrong SHA-256); names the file. */
public class CheckpointIntegrityException extends Exception {
    private final String file;

    public CheckpointIntegrityException(String file, String reason) {
        super("checkpoint file " + file + ": " + reason);
        this.file = file;
    }

    /** The file's name as listed in the manifest. */
    public String file() {
        return file;
    }
}
