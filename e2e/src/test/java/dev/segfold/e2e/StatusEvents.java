package dev.segfold.e2e;

import dev.segfold.contracts.events.FoldEvent;
import dev.segfold.contracts.events.RunFailed;
import dev.segfold.contracts.events.SegfoldEvent;
import dev.segfold.contracts.events.SubmissionReady;
import dev.segfold.contracts.json.ContractJson;
import dev.segfold.contracts.status.StatusEnvelope;
import dev.segfold.contracts.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A run's status events as a user reads them from {@code segfold.status} with a plain Kafka
 * consumer, in the order they happened (one fold's events are ordered in their partition; across
 * partitions they are ordered by event time).
 */
final class StatusEvents {
    private StatusEvents() {}

    /** Reads the run's events until {@code SubmissionReady}; a {@code RunFailed} or the timeout fails the test. */
    static List<SegfoldEvent> untilSubmission(String bootstrap, String runId, Duration timeout,
            ServiceProcesses services) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Map<String, SegfoldEvent> byOrder = new TreeMap<>();
        Instant deadline = Instant.now().plus(timeout);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.STATUS).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofSeconds(1))) {
                    if (r.key() == null || !(r.key().equals(runId) || r.key().startsWith(runId + "/"))) {
                        continue;
                    }
                    StatusEnvelope envelope = ContractJson.read(r.value(), StatusEnvelope.class);
                    SegfoldEvent event = envelope.event();
                    byOrder.put(envelope.time() + "/" + r.partition() + "/" + String.format("%012d", r.offset()), event);
                    if (event instanceof RunFailed f) {
                        throw new AssertionError("run failed: " + f.reason() + "\n" + logs(services));
                    }
                    if (event instanceof SubmissionReady) {
                        return new ArrayList<>(byOrder.values());
                    }
                }
            }
        }
        throw new AssertionError("no SubmissionReady within " + timeout + "; events: "
                + types(new ArrayList<>(byOrder.values())) + "\n" + logs(services));
    }

    static String logs(ServiceProcesses services) {
        StringBuilder b = new StringBuilder();
        for (String s : services.names()) {
            String log = services.log(s);
            b.append("---- ").append(s).append(" (tail)\n").append(log.substring(Math.max(0, log.length() - 3000)));
        }
        return b.toString();
    }

    static int indexOf(List<SegfoldEvent> events, Predicate<SegfoldEvent> p) {
        for (int i = 0; i < events.size(); i++) {
            if (p.test(events.get(i))) {
                return i;
            }
        }
        return -1;
    }

    static int lastIndexOf(List<SegfoldEvent> events, Predicate<SegfoldEvent> p) {
        for (int i = events.size() - 1; i >= 0; i--) {
            if (p.test(events.get(i))) {
                return i;
            }
        }
        return -1;
    }

    static List<String> types(List<SegfoldEvent> events) {
        return events.stream().map(e -> e.getClass().getSimpleName()
                + (e instanceof FoldEvent f ? "(s" + f.fold().stage() + " f" + f.fold().fold() + ")" : "")).toList();
    }
}
