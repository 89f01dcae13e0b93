package dev.segfold.deployment.properties;

/**
 * A Kafka topic a service's configuration names.
 *
 * @param channel the messaging channel
 * @param role    how the channel uses it
 * @param topic   the topic
 * @param source  the property it comes from, or why it is implied
 */
public record TopicUse(String channel, Role role, String topic, String source) {

    /** How a channel uses a topic. */
    public enum Role {
        /** Consumed. */
        INCOMING,
        /** Produced to. */
        OUTGOING,
        /** Where the channel's failed records go ({@code failure-strategy=dead-letter-queue}). */
        DEAD_LETTER
    }
}
