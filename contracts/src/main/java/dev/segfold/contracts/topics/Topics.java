package dev.segfold.contracts.topics;

import java.util.ArrayList;
import java.util.List;

/**
 * The Kafka topics of DESIGN.md §3, and the partition counts a fresh deployment creates them with.
 */
public final class Topics {

    /** config-service to trainers: one {@code FoldTrainingRequested} per fold and stage. */
    public static final String FOLD_REQUESTS = "segfold.fold-requests";
    /** Object store to evaluator: MinIO-format bucket notifications. */
    public static final String STORAGE_EVENTS = "segfold.storage-events";
    /** evaluator to predictor: {@code FoldEvaluated}. */
    public static final String EVALUATIONS = "segfold.evaluations";
    /** predictor to packager: {@code NextStagePredicted}, {@code EnsemblePredicted}. */
    public static final String PREDICTIONS = "segfold.predictions";
    /** Every service to users and the status projection: CloudEvents. */
    public static final String STATUS = "segfold.status";

    /**
     * Partitions of {@link #FOLD_REQUESTS}: the upper bound of trainers working at once
     * (5 folds times 2 cascade stages).
     */
    public static final int FOLD_REQUEST_PARTITIONS = 10;
    /** Partitions of every other main topic: ordering is per key, so a few suffice. */
    public static final int DEFAULT_PARTITIONS = 3;

    private Topics() {
    }

    /** The dead-letter topic of {@code service}: {@code segfold.dead-letter.<service>}. */
    public static String deadLetter(Service service) {
        return "segfold.dead-letter." + service.id();
    }

    /** The main topics, in the order of the flow. */
    public static List<String> main() {
        return List.of(FOLD_REQUESTS, STORAGE_EVENTS, EVALUATIONS, PREDICTIONS, STATUS);
    }

    /** The dead-letter topics, one per service. */
    public static List<String> deadLetters() {
        List<String> topics = new ArrayList<>();
        for (Service service : Service.values()) {
            topics.add(deadLetter(service));
        }
        return List.copyOf(topics);
    }

    /** Every topic a deployment creates, with its partition count. */
    public static List<TopicSpec> all() {
        List<TopicSpec> specs = new ArrayList<>();
        for (String topic : main()) {
            specs.add(new TopicSpec(topic,
                    topic.equals(FOLD_REQUESTS) ? FOLD_REQUEST_PARTITIONS : DEFAULT_PARTITIONS));
        }
        for (String topic : deadLetters()) {
            specs.add(new TopicSpec(topic, 1));
        }
        return List.copyOf(specs);
    }
}
