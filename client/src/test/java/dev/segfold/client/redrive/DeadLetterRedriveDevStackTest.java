package dev.segfold.client.redrive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.contracts.topics.Service;
import dev.segfold.contracts.topics.Topics;
import dev.segfold.devstack.DevStack;
import dev.segfold.devstack.junit.DevStackExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code ./segfold redrive trainer-service} against the devstack's real broker: dead letters as
 * the SmallRye connector writes them (its {@code dead-letter-*} headers, names taken from
 * {@code KafkaDeadLetterQueue}) go back to their source topic with key, value and own headers, each
 * once; one naming no consumable topic is reported and not re-published.
 */
@ExtendWith(DevStackExtension.class)
class DeadLetterRedriveDevStackTest {

    @Test
    void deadLettersGoBackToTheirTopicOnceEach(DevStack stack) throws Exception {
        String dlq = Topics.deadLetter(Service.TRAINER);
        try (KafkaProducer<String, String> producer = producer(stack)) {
            producer.send(deadLetter(dlq, "run-a/0/1", "{\"request\":1}", Topics.FOLD_REQUESTS)).get();
            producer.send(deadLetter(dlq, "run-a/0/2", "{\"request\":2}", Topics.FOLD_REQUESTS)).get();
            producer.send(deadLetter(dlq, "x", "not from a service", "some.other.topic")).get();
        }
        Map<String, String> kafka = Map.of("bootstrap.servers", stack.bootstrapServers());
        DeadLetterRedrive.Result first = DeadLetterRedrive.run(kafka, Service.TRAINER, Duration.ofSeconds(30));
        assertEquals(Map.of(Topics.FOLD_REQUESTS, 2), first.redriven());
        assertEquals(1, first.skipped().size(), first.skipped().toString());
        assertTrue(first.skipped().get(0).contains("'some.other.topic' is not a topic a service consumes"),
                first.skipped().toString());

        List<ConsumerRecord<String, String>> redriven = read(stack, Topics.FOLD_REQUESTS, 2);
        assertEquals(List.of("run-a/0/1", "run-a/0/2"), redriven.stream().map(ConsumerRecord::key).sorted().toList());
        ConsumerRecord<String, String> one = redriven.stream().filter(r -> r.key().equals("run-a/0/1")).findFirst()
                .orElseThrow();
        assertEquals("{\"request\":1}", one.value());
        assertEquals("application/json", header(one, "content-type"), "the record's own headers travel");
        assertNull(one.headers().lastHeader("dead-letter-reason"), "the connector's headers do not");
        assertTrue(header(one, DeadLetterRedrive.REDRIVEN_FROM).startsWith(dlq + "/0/"));

        // a second redrive finds nothing new; a new dead letter is redriven by the next one
        assertEquals(0, DeadLetterRedrive.run(kafka, Service.TRAINER, Duration.ofSeconds(30)).total());
        try (KafkaProducer<String, String> producer = producer(stack)) {
            producer.send(deadLetter(dlq, "run-a/0/3", "{\"request\":3}", Topics.FOLD_REQUESTS)).get();
        }
        assertEquals(1, DeadLetterRedrive.run(kafka, Service.TRAINER, Duration.ofSeconds(30)).total());
        assertEquals(3, read(stack, Topics.FOLD_REQUESTS, 3).size());
    }

    private static ProducerRecord<String, String> deadLetter(String dlq, String key, String value, String source) {
        ProducerRecord<String, String> r = new ProducerRecord<>(dlq, key, value);
        r.headers().add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
        r.headers().add("dead-letter-reason", "not a FoldTrainingRequested".getBytes(StandardCharsets.UTF_8));
        r.headers().add("dead-letter-topic", source.getBytes(StandardCharsets.UTF_8));
        r.headers().add("dead-letter-partition", "0".getBytes(StandardCharsets.UTF_8));
        r.headers().add("dead-letter-offset", "7".getBytes(StandardCharsets.UTF_8));
        return r;
    }

    private static KafkaProducer<String, String> producer(DevStack stack) {
        Properties p = new Properties();
        p.put("bootstrap.servers", stack.bootstrapServers());
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    private static List<ConsumerRecord<String, String>> read(DevStack stack, String topic, int atLeast) {
        Properties p = new Properties();
        p.put("bootstrap.servers", stack.bootstrapServers());
        p.put("key.deserializer", StringDeserializer.class.getName());
        p.put("value.deserializer", StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic).forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Instant deadline = Instant.now().plusSeconds(20);
            while (Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(300)).forEach(out::add);
                if (out.size() >= atLeast) {
                    // one more poll: more than expected would be a record redriven twice
                    consumer.poll(Duration.ofMillis(500)).forEach(out::add);
                    break;
                }
            }
        }
        return out;
    }

    private static String header(ConsumerRecord<String, String> r, String key) {
        var h = r.headers().lastHeader(key);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
