package dev.segfold.service.testing.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads one topic from the moment it is opened (all partitions, no consumer group), so a test sees
 * exactly what the service under test publishes after a given point. Every record read is kept.
 */
public final class TopicWatcher implements AutoCloseable {
    private final KafkaConsumer<String, String> consumer;
    private final String topic;
    private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

    private TopicWatcher(KafkaConsumer<String, String> consumer, String topic) {
        this.consumer = consumer;
        this.topic = topic;
    }

    /** Starts watching {@code topic} at its current end. */
    public static TopicWatcher fromNow(String bootstrapServers, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "test-watcher-" + UUID.randomUUID());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(tp -> consumer.position(tp, Duration.ofSeconds(30))); // fixes "now"
        return new TopicWatcher(consumer, topic);
    }

    /**
     * Polls until a record read since opening matches, or the deadline passes.
     *
     * @throws AssertionError naming the topic and what was seen when none matched in time
     */
    public ConsumerRecord<String, String> await(Predicate<ConsumerRecord<String, String>> match, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            for (ConsumerRecord<String, String> r : seen) {
                if (match.test(r)) {
                    return r;
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no matching record on " + topic + " within " + timeout + "; saw "
                        + seen.size() + ": " + seen.stream().map(ConsumerRecord::value).toList());
            }
            poll(Duration.ofMillis(500));
        }
    }

    /** Reads whatever has arrived (waiting at most {@code wait}) and returns every record seen so far. */
    public List<ConsumerRecord<String, String>> poll(Duration wait) {
        consumer.poll(wait).forEach(seen::add);
        return List.copyOf(seen);
    }

    /** The records seen so far that match. */
    public List<ConsumerRecord<String, String>> seen(Predicate<ConsumerRecord<String, String>> match) {
        return seen.stream().filter(match).toList();
    }

    /** The end offsets of the topic now, by partition. */
    public Map<TopicPartition, Long> endOffsets() {
        return consumer.endOffsets(consumer.assignment());
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
