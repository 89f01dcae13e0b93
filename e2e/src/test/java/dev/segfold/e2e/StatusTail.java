package dev.segfold.e2e;

import dev.segfold.contracts.events.SegfoldEvent;
import dev.segfold.contracts.json.ContractJson;
import dev.segfold.contracts.status.StatusEnvelope;
import dev.segfold.contracts.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Every status event from the beginning of {@code segfold.status}, read by a plain consumer on a
 * thread of its own, each with the time this test received it: what a user watching the topic
 * sees, and when.
 */
final class StatusTail implements AutoCloseable {
    /** An event and when it arrived here. */
    record Received(Instant at, String key, SegfoldEvent event) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean closed;

    StatusTail(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        thread = new Thread(() -> {
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p)) {
                List<TopicPartition> partitions = consumer.partitionsFor(Topics.STATUS).stream()
                        .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                while (!closed) {
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                        received.add(new Received(Instant.now(), r.key(),
                                ContractJson.read(r.value(), StatusEnvelope.class).event()));
                    }
                }
            }
        }, "status-tail");
        thread.setDaemon(true);
        thread.start();
    }

    /** The run's events received so far matching {@code p}. */
    List<Received> of(String runId, Predicate<SegfoldEvent> p) {
        return received.stream().filter(r -> r.key() != null
                && (r.key().equals(runId) || r.key().startsWith(runId + "/")) && p.test(r.event())).toList();
    }

    /** Waits for the first of the run's events matching {@code p}; fails the test after {@code timeout}. */
    Received await(String runId, Predicate<SegfoldEvent> p, Duration timeout, String what,
            java.util.function.Supplier<String> context) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Optional<Received> found = of(runId, p).stream().findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no " + what + " within " + timeout + "\n" + context.get());
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        thread.join(5000);
    }
}
