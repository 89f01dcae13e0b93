package dev.segfold.config.rest;

import dev.segfold.contracts.events.SegfoldEvent;
import dev.segfold.contracts.json.ContractJson;
import dev.segfold.contracts.status.StatusEnvelope;
import dev.segfold.contracts.topics.Service;
import dev.segfold.contracts.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Plain Kafka clients for the tests: what another service (or kcat) would do. */
public final class KafkaTopics {
    private KafkaTopics() {
    }

    /** Publishes {@code event} on segfold.status as {@code service} would (structured CloudEvent). */
    public static void publishStatus(String bootstrap, SegfoldEvent event, Service service) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            ProducerRecord<String, String> record = new ProducerRecord<>(Topics.STATUS, event.key(),
                    ContractJson.writeString(StatusEnvelope.of(event, service)));
            record.headers().add("content-type", StatusEnvelope.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
            producer.send(record).get();
        }
    }

    /** Publishes a raw record on segfold.status, e.g. one that is no status event at all. */
    public static void publishRawStatus(String bootstrap, String key, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.STATUS, key, value)).get();
        }
    }

    /**
     * Reads {@code topic} from the beginning of every partition, handing each record to
     * {@code sink}, until {@code done} holds or the deadline passes.
     */
    static void readFromBeginning(String bootstrap, String topic, Consumer<ConsumerRecord<String, String>> sink,
                                  Predicate<Void> done, Duration timeout) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("key.deserializer", StringDeserializer.class.getName());
        p.put("value.deserializer", StringDeserializer.class.getName());
        p.put("enable.auto.commit", "false");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic).forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Instant deadline = Instant.now().plus(timeout);
            while (!done.test(null) && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(200)).forEach(sink);
            }
        }
    }

    /** Every record of {@code topic} whose key starts with {@code keyPrefix}, once {@code count} arrived. */
    static List<ConsumerRecord<String, String>> records(String bootstrap, String topic, String keyPrefix, int count) {
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        readFromBeginning(bootstrap, topic, r -> {
            if (r.key() != null && r.key().startsWith(keyPrefix)) {
                out.add(r);
            }
        }, v -> out.size() >= count, Duration.ofSeconds(30));
        return out;
    }
}
