package dev.segfold.devstack.s3;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends notifications to one Kafka topic and waits for the broker's acknowledgement, so that
 * when an S3 request returns its event is already in Kafka (MinIO with a queue directory gives
 * the same guarantee eventually; waiting makes tests and the demo deterministic).
 */
public final class KafkaNotificationSink implements NotificationSink {

    private static final long SEND_TIMEOUT_SECONDS = 30;

    private final KafkaProducer<String, String> producer;
    private final String topic;

    /** A sink writing to {@code topic} on {@code bootstrapServers}. */
    public KafkaNotificationSink(String bootstrapServers, String topic) {
        this.topic = topic;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.CLIENT_ID_CONFIG, "segfold-devstack-notifications",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 25_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 20_000),
                new StringSerializer(), new StringSerializer());
    }

    /** The topic written to. */
    public String topic() {
        return topic;
    }

    @Override
    public void publish(String key, String value) throws Exception {
        producer.send(new ProducerRecord<>(topic, key, value)).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
