package dev.segfold.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.contracts.events.EnsemblePredicted;
import dev.segfold.contracts.events.FoldEvaluated;
import dev.segfold.contracts.events.FoldFailed;
import dev.segfold.contracts.events.SubmissionReady;
import dev.segfold.contracts.json.ContractJson;
import dev.segfold.contracts.topics.Topics;
import dev.segfold.devstack.DevStack;
import dev.segfold.devstack.DevStackConfig;
import dev.segfold.devstack.s3.NotificationFilter;
import dev.segfold.e2e.ServiceProcesses.Instance;
import dev.segfold.engine.synthetic.SyntheticDatasetGenerator;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Work done once with every stage scaled out (issue 9): two trainers, two evaluators and two
 * predictors on one two-fold run, and each final checkpoint's notification delivered three times.
 * Each final checkpoint is evaluated once, the run gets one ensemble and one submission.
 */
class ScaledOutPipelineIT {
    static final String DATASET = "ScaledShapes";
    static final String EVALUATOR_GROUP = "evaluator-service";

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    @Test
    void twoOfEveryServiceEvaluateEachCheckpointOnceAndEnsembleTheRunOnce() throws Exception {
        List<Instance> instances = List.of(Instance.of("config-service"),
                new Instance("trainer-a", "trainer-service", Map.of()), new Instance("trainer-b", "trainer-service", Map.of()),
                new Instance("evaluator-a", "evaluator-service", Map.of()),
                new Instance("evaluator-b", "evaluator-service", Map.of()),
                new Instance("predictor-a", "predictor-service", Map.of()),
                new Instance("predictor-b", "predictor-service", Map.of()), Instance.of("packager-service"));
        try (DevStack stack = DevStack.start(DevStackConfig.builder(DevStackConfig.randomToken(10),
                DevStackConfig.randomToken(20)).filter("segfold-runs", new NotificationFilter("", "checkpoint.json")).build());
                ServiceProcesses services = ServiceProcesses.start(REPOSITORY, stack, tmp.resolve("services"), instances);
                StatusTail status = new StatusTail(stack.bootstrapServers())) {
            RunStorage storage = new RunStorage(stack);
            Path data = tmp.resolve("data");
            SyntheticDatasetGenerator.builder().trainingCases(6).optTestCases(2).optShape(16, 20, 16).optSeed(11)
                    .build().generate(data);
            storage.uploadDataset(DATASET, data);
            String runId = submit(services);

            status.await(runId, e -> e instanceof SubmissionReady, Duration.ofMinutes(10), "the submission",
                    () -> StatusEvents.logs(services));
            // every final checkpoint's notification twice more, as a notification target that retries would
            List<ConsumerRecord<String, String>> finals = finalCheckpointNotifications(stack.bootstrapServers(), runId);
            assertEquals(2, finals.size(), "one final checkpoint notification per fold: " + finals);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                    stack.bootstrapServers(), "acks", "all"), new StringSerializer(), new StringSerializer())) {
                for (int copy = 0; copy < 2; copy++) {
                    for (ConsumerRecord<String, String> r : finals) {
                        producer.send(new ProducerRecord<>(Topics.STORAGE_EVENTS, r.partition(), r.key(), r.value()))
                                .get(30, TimeUnit.SECONDS);
                    }
                }
            }
            awaitCaughtUp(stack.bootstrapServers(), EVALUATOR_GROUP, Topics.STORAGE_EVENTS, Duration.ofMinutes(3));

            Map<Integer, Long> evaluationsPerFold = status.of(runId, e -> e instanceof FoldEvaluated).stream()
                    .collect(Collectors.groupingBy(r -> ((FoldEvaluated) r.event()).fold().fold(), Collectors.counting()));
            List<String> evaluatedBy = new ArrayList<>();
            for (String evaluator : List.of("evaluator-a", "evaluator-b")) {
                if (services.log(evaluator).contains(" evaluated: mean Dice")) {
                    evaluatedBy.add(evaluator);
                }
            }
            System.out.printf("[faults] two trainers, evaluators and predictors, final notifications delivered 3 times: "
                    + "evaluations per fold %s (by %s), %d ensemble(s), %d submission(s), %d FoldFailed%n",
                    evaluationsPerFold, evaluatedBy, status.of(runId, e -> e instanceof EnsemblePredicted).size(),
                    status.of(runId, e -> e instanceof SubmissionReady).size(),
                    status.of(runId, e -> e instanceof FoldFailed).size());

            assertEquals(Map.of(0, 1L, 1, 1L), evaluationsPerFold, "each final checkpoint evaluated once");
            assertEquals(1, status.of(runId, e -> e instanceof EnsemblePredicted).size(), "one ensemble");
            assertEquals(1, status.of(runId, e -> e instanceof SubmissionReady).size(), "one submission");
            assertEquals(List.of(), status.of(runId, e -> e instanceof FoldFailed), "no fold failed");
        }
    }

    private static String submit(ServiceProcesses services) throws Exception {
        return services.submit("""
                {"dataset": "%s", "folds": [0, 1], "iterations": 20, "saveInterval": 10, "logInterval": 5,
                 "batchSize": 2, "network": {"baseFeatures": 4, "maxPools": 2}}
                """.formatted(DATASET));
    }

    /** The notifications of the run's final checkpoints (the manifests whose folder is the last of its fold). */
    private static List<ConsumerRecord<String, String>> finalCheckpointNotifications(String bootstrap, String runId) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.STORAGE_EVENTS).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
            // iterations 20: the final checkpoint of each fold is iter_20
            return records.stream().filter(r -> r.key() != null && r.key().startsWith("segfold-runs/" + runId + "/")
                    && r.key().endsWith("/iter_20/checkpoint.json") && r.value().contains("ObjectCreated")).toList();
        }
    }

    /** Waits until the group has committed every record of the topic written so far. */
    private static void awaitCaughtUp(String bootstrap, String group, String topic, Duration timeout) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(List.of(topic)).allTopicNames().get()
                    .get(topic).partitions().stream()
                    .collect(Collectors.toMap(i -> new TopicPartition(topic, i.partition()), i -> OffsetSpec.latest()));
            Map<TopicPartition, Long> end = admin.listOffsets(latest).all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
            // offsets are committed on the group's own schedule: only asking again sees them
            await().atMost(timeout).pollInterval(Duration.ofMillis(500)).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get();
                return end.entrySet().stream().allMatch(e -> e.getValue() == 0
                        || (committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue()));
            });
        }
    }
}
