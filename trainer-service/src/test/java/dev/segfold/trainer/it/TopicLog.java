package dev.segfold.trainer.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Everything published on one topic since the test started, read with a plain consumer that owns
 * every partition; tests wait on a condition over the records with a deadline.
 */
final class TopicLog implements AutoCloseable {
    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> records = new ArrayList<>();
    private final List<TopicPartition> partitions;

    TopicLog(String bootstrapServers, String topic) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "trainer-test-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new StringDeserializer());
        partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Reads everything published up to now (to the partitions' end offsets) and returns all records. */
    List<ConsumerRecord<String, String>> drain() {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        do {
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                records.add(r);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("could not read " + partitions + " up to " + ends + " within 30 s");
            }
        } while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue()));
        return List.copyOf(records);
    }

    /** Polls until {@code condition} holds for the records so far; fails after {@code timeout}. */
    List<ConsumerRecord<String, String>> await(String what, Duration timeout,
            Predicate<List<ConsumerRecord<String, String>>> condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<ConsumerRecord<String, String>> all = drain();
            if (condition.test(all)) {
                return all;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what + "; "
                        + all.size() + " records seen");
            }
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
