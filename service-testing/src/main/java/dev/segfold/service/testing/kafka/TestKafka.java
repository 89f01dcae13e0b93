package dev.segfold.service.testing.kafka;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.awaitility.Awaitility;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

/** Sends records as another service would and waits for a consumer group to have consumed them. */
public final class TestKafka {
    private TestKafka() {}

    /** Sends one record and waits for the broker's acknowledgement. */
    public static RecordMetadata send(String bootstrapServers, String topic, String key, String value) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            return producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not send to " + topic + ": " + e.getMessage(), e);
        }
    }

    /**
     * Waits until consumer group {@code groupId} has committed past {@code record}: the service has
     * finished with it (acknowledged after handling, or dead-lettered).
     *
     * @throws AssertionError when the deadline passes first
     */
    public static void awaitConsumed(String bootstrapServers, String groupId, RecordMetadata record, Duration timeout) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
        try (Admin admin = Admin.create(p)) {
            Awaitility.await("group " + groupId + " consumed " + tp + "@" + record.offset())
                    .atMost(timeout).pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        OffsetAndMetadata committed = admin.listConsumerGroupOffsets(groupId)
                                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS).get(tp);
                        return committed != null && committed.offset() > record.offset();
                    });
        }
    }
}
