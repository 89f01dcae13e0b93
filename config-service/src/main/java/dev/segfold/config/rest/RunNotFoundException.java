package dev.segfold.config.rest;

/** A run, or a file of it, does not exist (404 problem details naming the path parameter). */
public class RunNotFoundException extends RuntimeException {
    private final String kind;
    private final String title;
    private final String field;

    public RunNotFoundException(String kind, String title, String field, String message) {
        super(message);
        this.kind = kind;
        this.title = title;
        this.field = field;
    }

    /** No run with this id. */
    public static RunNotFoundException run(String runId) {
        return new RunNotFoundException("run-not-found", "The run does not exist", "id",
                "no run '" + runId + "': neither the status projection nor the runs bucket knows it");
    }

    public String kind() {
        return kind;
    }

    public String title() {
        return title;
    }

    public String field() {
        return field;
    }
}
