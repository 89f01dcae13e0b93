package dev.segfold.evaluator.it;

import org.awaitility.Awaitility;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Reads whole topics, produces records and watches a consumer group's progress, with deadlines instead of sleeps. */
final class TopicProbe {
    private final String bootstrap;

    TopicProbe(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    private KafkaConsumer<String, String> consumerFromStart(String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    /** Every record of {@code topic} now, from the beginning. */
    List<ConsumerRecord<String, String>> readAll(String topic) {
        try (KafkaConsumer<String, String> consumer = consumerFromStart(topic)) {
            Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
            List<ConsumerRecord<String, String>> out = new ArrayList<>();
            Instant deadline = Instant.now().plusSeconds(30);
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("could not read " + topic + " to its end " + end);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            return out;
        }
    }

    /** Waits (blocking in poll) until {@code topic} holds a record matching {@code match}; returns the first. */
    ConsumerRecord<String, String> awaitRecord(String topic, Predicate<ConsumerRecord<String, String>> match,
                                         Duration timeout, String what) {
        Instant deadline = Instant.now().plus(timeout);
        try (KafkaConsumer<String, String> consumer = consumerFromStart(topic)) {
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (match.test(r)) {
                        return r;
                    }
                }
            }
        }
        throw new AssertionError("no record on " + topic + " within " + timeout + ": " + what);
    }

    void produce(String topic, String key, String value) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    /**
     * Waits until consumer group {@code group} has committed, on every partition of {@code topic},
     * at least the end offsets the topic has now: every record produced before this call was handled.
     */
    void awaitConsumed(String group, String topic, Duration timeout) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic)
                    .partitions().stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            Map<TopicPartition, Long> end = admin.listOffsets(partitions.stream()
                            .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest())))
                    .all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
            Awaitility.await("group " + group + " consumed " + topic + " up to " + end)
                    .atMost(timeout).pollInterval(Duration.ofMillis(250)).until(() -> {
                        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                                .partitionsToOffsetAndMetadata().get();
                        return end.entrySet().stream().allMatch(e -> e.getValue() == 0
                                || (committed.get(e.getKey()) != null
                                && committed.get(e.getKey()).offset() >= e.getValue()));
                    });
        }
    }
}
