package dev.segfold.contracts.topics;

/** The five services, each with its consumer group prefix and its dead-letter topic. */
public enum Service {
    /** REST API, fold requests, status projection. */
    CONFIG("config-service"),
    /** Trains one fold per request. */
    TRAINER("trainer-service"),
    /** Validates checkpoints as they land. */
    EVALUATOR("evaluator-service"),
    /** Next-stage and ensemble predictions. */
    PREDICTOR("predictor-service"),
    /** Submission archive and fold bundles. */
    PACKAGER("packager-service");

    private final String id;

    Service(String id) {
        this.id = id;
    }

    /** The service's name as used in topics, groups and CloudEvents sources. */
    public String id() {
        return id;
    }

    /** Shortcut for {@link Topics#deadLetter(Service)}. */
    public String deadLetterTopic() {
        return Topics.deadLetter(this);
    }
}
