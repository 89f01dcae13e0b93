package dev.segfold.trainer.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.contracts.events.FoldId;
import dev.segfold.contracts.events.FoldTrainingRequested;
import dev.segfold.contracts.json.ContractJson;
import dev.segfold.contracts.spec.FoldSettings;
import dev.segfold.contracts.topics.FoldRequestPartitioner;
import dev.segfold.contracts.topics.Topics;
import dev.segfold.devstack.DevStack;
import dev.segfold.devstack.junit.DevStackExtension;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * On a real broker, two consumers in one group configured like the trainer's {@code fold-requests}
 * channel (its assignor and group protocol, read from the trainer's application.properties) share
 * every run's three fold requests 2/1, with neighbouring folds on different consumers, for runs
 * starting on every partition {@link FoldRequestPartitioner} can choose. The same requests under
 * the client's default range assignor put some run's three folds on one consumer: the assignor is
 * what makes the spread.
 */
@ExtendWith(DevStackExtension.class)
class FoldRequestSpreadTest {
    private static final String CHANNEL = "mp.messaging.incoming.fold-requests.";
    private static final int FOLDS = 3;
    /** Run ids ending in consecutive characters have consecutive hashes: every start 0..P-F. */
    private static final int RUNS = Topics.FOLD_REQUEST_PARTITIONS - FOLDS + 1;

    @Test
    void theTrainersAssignorSplitsEveryRunsThreeFoldsTwoToOne(DevStack stack) throws Exception {
        Properties trainer = trainerProperties();
        String strategy = trainer.getProperty(CHANNEL + "partition.assignment.strategy");
        assertTrue(strategy != null && !strategy.isBlank(), "the trainer's fold-requests channel sets an assignor");
        Map<String, Object> settings = new HashMap<>();
        settings.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, strategy);
        settings.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, trainer.getProperty(CHANNEL + "group.protocol", "classic"));
        settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, trainer.getProperty(CHANNEL + "max.poll.records", "500"));

        Map<String, int[]> perRun = share(stack, settings, "spread");
        for (Map.Entry<String, int[]> run : perRun.entrySet()) {
            int[] consumerOfFold = run.getValue();
            int first = (int) Arrays.stream(consumerOfFold).filter(c -> c == 0).count();
            assertEquals(List.of(1, 2), List.of(Math.min(first, FOLDS - first), Math.max(first, FOLDS - first)),
                    run.getKey() + " split 2/1, consumer per fold " + Arrays.toString(consumerOfFold));
            for (int fold = 1; fold < FOLDS; fold++) {
                assertNotEquals(consumerOfFold[fold - 1], consumerOfFold[fold],
                        run.getKey() + " folds " + (fold - 1) + " and " + fold + " on one consumer");
            }
        }
    }

    @Test
    void theDefaultRangeAssignorWouldNotSpreadThem(DevStack stack) throws Exception {
        Map<String, Object> settings = Map.of(
                ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, RangeAssignor.class.getName(),
                ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
        Map<String, int[]> perRun = share(stack, settings, "range");
        assertTrue(perRun.values().stream()
                        .anyMatch(c -> Arrays.stream(c).allMatch(consumer -> consumer == c[0])),
                "some run's folds all on one consumer under range assignment");
    }

    /**
     * Joins two consumers with {@code settings} into a fresh group, waits until they split the
     * topic's partitions, publishes {@link #RUNS} runs of {@link #FOLDS} fold requests on the
     * partitioner's partitions, and returns per run which consumer (0 or 1) received each fold.
     */
    private static Map<String, int[]> share(DevStack stack, Map<String, Object> settings, String prefix)
            throws Exception {
        String group = "fold-spread-" + UUID.randomUUID();
        String tag = prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        List<KafkaConsumer<String, String>> consumers = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                Map<String, Object> config = new HashMap<>(settings);
                config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
                config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
                config.put(ConsumerConfig.CLIENT_ID_CONFIG, group + "-" + i);
                config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
                config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
                KafkaConsumer<String, String> consumer =
                        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
                consumer.subscribe(List.of(Topics.FOLD_REQUESTS));
                consumers.add(consumer);
            }
            Map<String, int[]> perRun = new TreeMap<>();
            pollUntil(consumers, perRun, tag, Duration.ofSeconds(60), "both consumers assigned half the partitions",
                    () -> consumers.stream().allMatch(c -> c.assignment().size() == Topics.FOLD_REQUEST_PARTITIONS / 2)
                            && disjoint(consumers));
            publish(stack, tag);
            pollUntil(consumers, perRun, tag, Duration.ofSeconds(60), "every fold request received",
                    () -> perRun.size() == RUNS && perRun.values().stream()
                            .allMatch(c -> Arrays.stream(c).allMatch(consumer -> consumer >= 0)));
            return perRun;
        } finally {
            consumers.forEach(KafkaConsumer::close);
        }
    }

    private static boolean disjoint(List<KafkaConsumer<String, String>> consumers) {
        List<TopicPartition> all = new ArrayList<>();
        consumers.forEach(c -> all.addAll(c.assignment()));
        return all.stream().distinct().count() == all.size();
    }

    /** Polls the consumers in turn (each must poll to take part in a rebalance) until {@code done}. */
    private static void pollUntil(List<KafkaConsumer<String, String>> consumers, Map<String, int[]> perRun,
            String tag, Duration timeout, String what, BooleanSupplier done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " within " + timeout + "; assignments "
                        + consumers.stream().map(KafkaConsumer::assignment).toList());
            }
            for (int i = 0; i < consumers.size(); i++) {
                for (ConsumerRecord<String, String> record : consumers.get(i).poll(Duration.ofMillis(100))) {
                    FoldId fold = FoldRequests.parse(record.value()).fold();
                    if (fold.runId().startsWith(tag)) {
                        int[] consumerOfFold = perRun.computeIfAbsent(fold.runId(), r -> new int[] {-1, -1, -1});
                        assertEquals(-1, consumerOfFold[fold.fold()], fold.key() + " delivered twice");
                        consumerOfFold[fold.fold()] = i;
                    }
                }
            }
        }
    }

    /** Sends the fold requests as the config-service does: on the partitioner's partition, keyed by fold. */
    private static void publish(DevStack stack, String tag) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        List<Integer> folds = List.of(0, 1, 2);
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            List<Integer> starts = new ArrayList<>();
            for (int r = 0; r < RUNS; r++) {
                String runId = tag + r;
                for (int fold : folds) {
                    FoldId id = new FoldId(runId, "3d_fullres", 0, fold);
                    int partition = FoldRequestPartitioner.DEFAULT.partition(id, List.of(folds));
                    if (fold == 0) {
                        starts.add(partition);
                    }
                    FoldTrainingRequested request = new FoldTrainingRequested(id, "Task04", FoldSettings.of(4, 2, 1, 1, 1L),
                            runId + "/plans.json", runId + "/configs/3d_fullres/nnunet_fold" + fold + ".yml", null,
                            Instant.parse("2026-11-29T10:00:00Z"));
                    producer.send(new ProducerRecord<>(Topics.FOLD_REQUESTS, partition, id.key(),
                            ContractJson.writeString(request))).get(30, TimeUnit.SECONDS);
                }
            }
            assertEquals(RUNS, starts.stream().distinct().count(), "the runs start on every possible partition " + starts);
        }
    }

    private static Properties trainerProperties() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = FoldRequestSpreadTest.class.getResourceAsStream("/application.properties")) {
            if (in == null) {
                throw new IllegalStateException("the trainer's application.properties is not on the test class path");
            }
            properties.load(in);
        }
        return properties;
    }
}
