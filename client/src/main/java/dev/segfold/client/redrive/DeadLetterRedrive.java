package dev.segfold.client.redrive;

import dev.segfold.contracts.topics.Service;
import dev.segfold.contracts.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Re-publishes the dead letters of one service ({@code segfold.dead-letter.<service>}) to the topic
 * each came from, as named by the {@code dead-letter-topic} header the SmallRye Kafka connector
 * writes, with its key, value and headers (the connector's {@code dead-letter-*} headers removed,
 * {@value #REDRIVEN_FROM} added naming where it was in the dead-letter topic).
 *
 * <p>Each dead letter is redriven once: the dead-letter topic is read as the consumer group
 * {@code segfold-redrive-<service>}, whose offset is committed after each record the broker
 * acknowledged (idempotent producer, acks=all), up to the end the topic had when the redrive
 * started. A record without the header, or naming a topic that is not one of the main topics, is
 * not re-published and is reported; it is passed over like the others, so a later redrive does not
 * stumble on it again (it stays in the dead-letter topic for a person to read).
 */
public final class DeadLetterRedrive {
    /** Header added to a redriven record: {@code <dead-letter topic>/<partition>/<offset>}. */
    public static final String REDRIVEN_FROM = "segfold-redriven-from";
    /** The connector's header naming the record's source topic. */
    public static final String SOURCE_TOPIC_HEADER = "dead-letter-topic";

    private DeadLetterRedrive() {
    }

    /**
     * What a redrive did.
     *
     * @param deadLetterTopic the topic read
     * @param redriven        records re-published, per source topic
     * @param skipped         records not re-published, each with its position and why
     */
    public record Result(String deadLetterTopic, Map<String, Integer> redriven, List<String> skipped) {
        /** Records re-published in all. */
        public int total() {
            return redriven.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** The consumer group that remembers how far {@code service}'s dead letters were redriven. */
    public static String group(Service service) {
        return "segfold-redrive-" + service.id();
    }

    /**
     * Redrives {@code service}'s dead letters.
     *
     * @param kafka client settings (bootstrap servers, and security settings where the broker needs them)
     * @param wait  how long to wait for the topic's records before giving up on reaching its end
     */
    public static Result run(Map<String, String> kafka, Service service, Duration wait) {
        String topic = Topics.deadLetter(service);
        Properties consumerProps = new Properties();
        consumerProps.putAll(kafka);
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, group(service));
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerProps.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        consumerProps.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        Properties producerProps = new Properties();
        producerProps.putAll(kafka);
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        producerProps.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        producerProps.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        Map<String, Integer> redriven = new TreeMap<>();
        List<String> skipped = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps);
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps)) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic, wait).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            consumer.assign(partitions); // assigned, not subscribed: no rebalance, offsets still per group
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, wait);
            Instant deadline = Instant.now().plus(wait);
            while (!caughtUp(consumer, end) && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.offset() >= end.get(new TopicPartition(r.topic(), r.partition()))) {
                        continue; // arrived after the redrive started: for the next one
                    }
                    String where = r.topic() + "/" + r.partition() + "/" + r.offset();
                    String source = header(r, SOURCE_TOPIC_HEADER);
                    if (source == null || !Topics.main().contains(source) || source.equals(Topics.STATUS)) {
                        skipped.add(where + ": " + (source == null ? "no " + SOURCE_TOPIC_HEADER + " header"
                                : SOURCE_TOPIC_HEADER + " '" + source + "' is not a topic a service consumes")
                                + reason(r));
                    } else {
                        ProducerRecord<byte[], byte[]> out = new ProducerRecord<>(source, null, r.key(), r.value());
                        for (Header h : r.headers()) {
                            if (!h.key().startsWith("dead-letter-") && !h.key().equals(REDRIVEN_FROM)) {
                                out.headers().add(h);
                            }
                        }
                        out.headers().add(REDRIVEN_FROM, where.getBytes(StandardCharsets.UTF_8));
                        try {
                            producer.send(out).get(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                        } catch (Exception e) {
                            throw new IllegalStateException("re-publishing " + where + " to " + source
                                    + " failed; it stays in " + topic + " and the next redrive starts with it: "
                                    + e.getMessage(), e);
                        }
                        redriven.merge(source, 1, Integer::sum);
                    }
                    Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
                    done.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
                    consumer.commitSync(done);
                }
            }
            if (!caughtUp(consumer, end)) {
                throw new IllegalStateException("did not reach the end of " + topic + " within " + wait
                        + "; what was redriven so far is committed: " + redriven);
            }
        }
        return new Result(topic, redriven, skipped);
    }

    private static boolean caughtUp(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String key) {
        Header h = r.headers().lastHeader(key);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static String reason(ConsumerRecord<byte[], byte[]> r) {
        String reason = header(r, "dead-letter-reason");
        return reason == null ? "" : " (dead-lettered because: " + reason + ")";
    }
}
