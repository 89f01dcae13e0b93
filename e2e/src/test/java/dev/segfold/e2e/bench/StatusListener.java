package dev.segfold.e2e.bench;

import dev.segfold.contracts.json.ContractJson;
import dev.segfold.contracts.status.StatusEnvelope;
import dev.segfold.contracts.topics.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A plain Kafka consumer on {@code segfold.status}, like {@code kcat -C} (client defaults:
 * fetch.min.bytes 1, fetch.max.wait.ms 500, no consumer group), that notes the wall clock at which
 * each record reached it: right after {@code poll} returned it, before any parsing.
 */
final class StatusListener implements AutoCloseable {

    /**
     * One status event as received.
     *
     * @param envelope       the CloudEvent
     * @param recordMillis   the Kafka record's timestamp (CreateTime: set by the producing service)
     * @param receivedMillis this consumer's wall clock when {@code poll} returned the record
     */
    record Received(StatusEnvelope envelope, long recordMillis, long receivedMillis) {
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private final CountDownLatch positioned = new CountDownLatch(1);
    private volatile RuntimeException failure;

    private StatusListener(String bootstrapServers) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "segfold-bench-status");
        consumer = new KafkaConsumer<>(p);
        thread = new Thread(this::loop, "status-listener");
        thread.setDaemon(true);
    }

    /** Starts listening from the end of every partition; returns once positioned there. */
    static StatusListener start(String bootstrapServers) throws InterruptedException {
        StatusListener l = new StatusListener(bootstrapServers);
        l.thread.start();
        if (!l.positioned.await(60, TimeUnit.SECONDS)) {
            l.close();
            throw new IllegalStateException("status listener could not position on " + Topics.STATUS
                    + (l.failure == null ? "" : ": " + l.failure.getMessage()));
        }
        return l;
    }

    /** Everything received so far, in order of receipt. */
    List<Received> received() {
        if (failure != null) {
            throw new IllegalStateException("status listener failed", failure);
        }
        return List.copyOf(received);
    }

    private void loop() {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.STATUS).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            for (TopicPartition tp : partitions) {
                consumer.position(tp); // resolves the end offsets now, not at the first poll
            }
            positioned.countDown();
            while (!Thread.currentThread().isInterrupted()) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofSeconds(1));
                long now = System.currentTimeMillis();
                for (ConsumerRecord<String, byte[]> r : records) {
                    received.add(new Received(ContractJson.read(r.value(), StatusEnvelope.class), r.timestamp(), now));
                }
            }
        } catch (WakeupException closing) {
            // close() woke the poll
        } catch (RuntimeException e) {
            failure = e;
            positioned.countDown();
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    @Override
    public void close() throws InterruptedException {
        consumer.wakeup();
        thread.join(10_000);
    }
}
