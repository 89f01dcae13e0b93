package dev.segfold.e2e;

import static dev.segfold.e2e.StatusEvents.types;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segfold.contracts.events.FoldFailed;
import dev.segfold.contracts.events.FoldTrainingRequested;
import dev.segfold.contracts.events.RunFailed;
import dev.segfold.contracts.events.SegfoldEvent;
import dev.segfold.contracts.events.SubmissionReady;
import dev.segfold.contracts.json.ContractJson;
import dev.segfold.contracts.status.StatusEnvelope;
import dev.segfold.contracts.storage.RunLayout;
import dev.segfold.contracts.topics.Topics;
import dev.segfold.devstack.DevStack;
import dev.segfold.devstack.DevStackConfig;
import dev.segfold.devstack.s3.NotificationFilter;
import dev.segfold.engine.synthetic.SyntheticDatasetGenerator;
import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
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
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fold that fails for real and a user who acts on it (issue 9), with the packaged services as
 * processes on the devstack: the trainer is stopped while a run is submitted and the run's
 * {@code plans.json} is taken away, so the restarted trainer's attempt fails retryably
 * (the object store has no such key); the config-service requests attempt 2 after its backoff,
 * which fails the same way, and then fails the fold and the run for good ({@code RunFailed} with
 * the count). The plans are put back and {@code POST /runs/{id}/retry} restarts the fold as
 * attempt 3, and the run ends with its submission.
 */
class FoldRetryEndToEndIT {
    static final String DATASET = "E2eRetry";

    @TempDir
    Path tmp;

    @Test
    void aFoldRetriedThenFailedForGoodThenRetriedByTheUserFinishes() throws Exception {
        Path repository = Path.of("..").toAbsolutePath().normalize();
        DevStack stack = DevStack.start(DevStackConfig.forTests());
        Map<String, Map<String, String>> env = Map.of("config-service", Map.of(
                "SEGFOLD_CONFIG_RETRY_MAX_ATTEMPTS", "2", "SEGFOLD_CONFIG_RETRY_BACKOFF", "PT2S",
                "SEGFOLD_CONFIG_RETRY_DECISION_DELAY", "PT1S"));
        try (stack; ServiceProcesses services = ServiceProcesses.start(repository, stack, tmp.resolve("services"), env)) {
            stack.setNotificationFilter("segfold-runs", NotificationFilter.suffix("checkpoint.json"));
            MinioClient s3 = MinioClient.builder().endpoint(stack.s3Endpoint().toString())
                    .credentials(stack.accessKey(), stack.secretKey()).region(stack.region()).build();
            Path data = tmp.resolve("data");
            SyntheticDatasetGenerator.builder().trainingCases(8).optTestCases(2).optShape(16, 20, 16).optSeed(5)
                    .build().generate(data);
            new RunStorage(stack).uploadDataset(DATASET, data);

            services.stop("trainer-service");
            String runId = submit(services.api(), services.bearer());
            String plansKey = RunLayout.of(runId).plans();
            byte[] plans;
            try (InputStream in = s3.getObject(GetObjectArgs.builder().bucket(RunStorage.RUNS).object(plansKey).build())) {
                plans = in.readAllBytes();
            }
            s3.removeObject(RemoveObjectArgs.builder().bucket(RunStorage.RUNS).object(plansKey).build());
            services.restart("trainer-service");

            List<SegfoldEvent> failed = events(stack, runId, Instant.EPOCH, e -> e instanceof RunFailed,
                    Duration.ofMinutes(6), services);
            List<FoldFailed> failures = failed.stream().filter(FoldFailed.class::isInstance).map(FoldFailed.class::cast)
                    .toList();
            assertTrue(failures.stream().anyMatch(f -> f.attempt() == 1 && f.retryable()), types(failed).toString());
            assertTrue(failures.stream().anyMatch(f -> f.attempt() == 2 && f.retryable()
                    && f.reason().contains("plans.json")), failures.toString());
            assertTrue(failed.stream().anyMatch(e -> e instanceof FoldTrainingRequested r && r.attempt() == 2),
                    "the config-service requested attempt 2: " + types(failed));
            assertTrue(failures.stream().anyMatch(f -> !f.retryable()
                    && f.reason().startsWith("failed for good after 2 attempts")), failures.toString());
            RunFailed runFailed = (RunFailed) failed.stream().filter(RunFailed.class::isInstance).findFirst().orElseThrow();
            assertTrue(runFailed.reason().contains("fold 0 failed for good after 2 attempts"), runFailed.reason());
            JsonNode view = get(services, "/runs/" + runId);
            assertEquals("FAILED", view.path("state").asText(), view.toString());

            // the user puts the plans back and retries: attempt 3 trains the fold and the run finishes
            s3.putObject(PutObjectArgs.builder().bucket(RunStorage.RUNS).object(plansKey)
                    .stream(new ByteArrayInputStream(plans), plans.length, -1).build());
            Instant retried = Instant.now();
            HttpResponse<String> retry = HttpClient.newHttpClient().send(HttpRequest.newBuilder(services.api()
                    .resolve("/runs/" + runId + "/retry")).header("Authorization", services.bearer())
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(202, retry.statusCode(), retry.body());
            assertEquals(3, ContractJson.mapper().readTree(retry.body()).at("/folds/0/attempt").asInt(), retry.body());
            List<SegfoldEvent> after = events(stack, runId, retried, e -> e instanceof SubmissionReady,
                    Duration.ofMinutes(10), services);
            assertFalse(after.stream().anyMatch(e -> e instanceof RunFailed), types(after).toString());
            JsonNode done = get(services, "/runs/" + runId);
            assertEquals("COMPLETED", done.path("state").asText(), done.toString());
            assertEquals(3, done.at("/foldViews/0/attempt").asInt(), done.toString());
        }
    }

    private static String submit(URI api, String bearer) throws Exception {
        String body = """
                {"dataset": "%s", "folds": [0], "iterations": 6, "saveInterval": 3, "logInterval": 3,
                 "batchSize": 2, "network": {"baseFeatures": 4, "maxPools": 2}}
                """.formatted(DATASET);
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(api.resolve("/runs"))
                .header("Content-Type", "application/json").header("Authorization", bearer)
                .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofMinutes(3)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, r.statusCode(), r.body());
        return ContractJson.mapper().readTree(r.body()).path("runId").asText();
    }

    private static JsonNode get(ServiceProcesses services, String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(services.api().resolve(path))
                .header("Authorization", services.bearer()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return ContractJson.mapper().readTree(r.body());
    }

    /** The run's status events from {@code since} on, until one matches {@code until}. */
    private static List<SegfoldEvent> events(DevStack stack, String runId, Instant since, Predicate<SegfoldEvent> until,
            Duration timeout, ServiceProcesses services) {
        Properties p = new Properties();
        p.put("bootstrap.servers", stack.bootstrapServers());
        p.put("key.deserializer", StringDeserializer.class.getName());
        p.put("value.deserializer", ByteArrayDeserializer.class.getName());
        List<SegfoldEvent> out = new ArrayList<>();
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
                    SegfoldEvent e = ContractJson.read(r.value(), StatusEnvelope.class).event();
                    if (e.time().isBefore(since)) {
                        continue;
                    }
                    out.add(e);
                    if (until.test(e)) {
                        return out;
                    }
                }
            }
        }
        throw new AssertionError("not seen within " + timeout + "; events: " + types(out) + "\n"
                + StatusEvents.logs(services));
    }
}
