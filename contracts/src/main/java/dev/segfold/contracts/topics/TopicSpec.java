package dev.segfold.contracts.topics;

/** A topic to create and its partition count. */
public record TopicSpec(String name, int partitions) {

    /** Rejects blank names and counts below one. */
    public TopicSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("topic name is missing");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("topic " + name + ": partitions " + partitions + " < 1");
        }
    }
}
