package dev.segfold.config.rest;

/** The run is not in a state that allows the request (409 problem details naming the parameter). */
public class RunConflictException extends RuntimeException {
    private final String field;

    public RunConflictException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
