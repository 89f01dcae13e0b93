package dev.segfold.predictor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.contracts.events.ClassDice;
import dev.segfold.contracts.events.EnsemblePredicted;
import dev.segfold.contracts.events.FoldEvaluated;
import dev.segfold.contracts.events.FoldId;
import dev.segfold.contracts.events.RunFailed;
import dev.segfold.contracts.events.SegfoldEvent;
import dev.segfold.contracts.json.ContractJson;
import dev.segfold.contracts.status.StatusEnvelope;
import dev.segfold.contracts.storage.RunLayout;
import dev.segfold.contracts.topics.Service;
import dev.segfold.contracts.topics.Topics;
import dev.segfold.devstack.DevStack;
import dev.segfold.engine.nifti.NiftiHeader;
import dev.segfold.engine.nifti.NiftiReader;
import dev.segfold.service.storage.ObjectStore;
import dev.segfold.service.testing.DevStackResource;
import dev.segfold.service.testing.InjectDevStack;
import dev.segfold.service.testing.fixture.TemporaryFolders;
import dev.segfold.service.testing.fixture.TrainedRunFixture;
import dev.segfold.service.testing.kafka.TestKafka;
import dev.segfold.service.testing.kafka.TopicWatcher;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import dev.segfold.service.testing.PrometheusText;

/**
 * The predictor against a real broker and S3 server, on storage prepared as the evaluator leaves
 * it: two folds trained and validated with the engine, a data set with two test cases.
 */
@QuarkusTest
@WithTestResource(DevStackResource.class)
class EnsemblePredictionTest {
    static final Duration ENSEMBLE_TIMEOUT = Duration.ofSeconds(150);
    static final Duration CONSUMED_TIMEOUT = Duration.ofSeconds(60);
    static final String GROUP = "predictor-service.evaluations";
    static Path work;
    static TrainedRunFixture fixture;

    @InjectDevStack
    DevStack stack;

    @Inject
    ObjectStore store;

    @BeforeAll
    static void trainFolds() throws Exception {
        work = Files.createTempDirectory("predictor-test-");
        fixture = TrainedRunFixture.train(work, "Task90_Ensemble", List.of(0, 1), 2, 4);
    }

    @AfterAll
    static void removeWork() {
        TemporaryFolders.delete(work);
    }

    @Test
    void ensemblesOnlyWhenEveryFoldIsEvaluatedAndOnlyOnce() throws Exception {
        String runId = "ens-" + UUID.randomUUID().toString().substring(0, 8);
        RunLayout run = RunLayout.of(runId);
        fixture.uploadDataset(store::put, store.buckets().datasets());
        fixture.uploadRun(store::put, store.buckets().runs(), runId, List.of(0, 1), List.of(0));
        try (TopicWatcher predictions = TopicWatcher.fromNow(stack.bootstrapServers(), Topics.PREDICTIONS);
             TopicWatcher status = TopicWatcher.fromNow(stack.bootstrapServers(), Topics.STATUS)) {
            // fold 0 alone: the run expects fold 1 too
            RecordMetadata first = publish(evaluated(runId, 0));
            TestKafka.awaitConsumed(stack.bootstrapServers(), GROUP, first, CONSUMED_TIMEOUT);
            assertTrue(store.list(store.buckets().runs(), run.ensemblePrefix()).isEmpty(), "no ensemble with one fold");
            assertTrue(predictions.poll(Duration.ofMillis(200)).isEmpty(), "nothing announced with one fold");

            // fold 1 lands and is evaluated: the ensemble follows
            fixture.uploadRun(store::put, store.buckets().runs(), runId, List.of(0, 1), List.of(1));
            RecordMetadata second = publish(evaluated(runId, 1));
            ConsumerRecord<String, String> announced = predictions.await(r -> runId.equals(r.key()), ENSEMBLE_TIMEOUT);
            EnsemblePredicted event = (EnsemblePredicted) ContractJson.readEvent(
                    announced.value().getBytes(StandardCharsets.UTF_8));
            assertEquals(List.of(0, 1), event.folds());
            assertEquals(run.ensemblePrefix(), event.ensemblePrefix());
            assertEquals(fixture.testCaseIds(), event.caseIds());
            for (int i = 0; i < event.caseIds().size(); i++) {
                byte[] nifti = store.get(store.buckets().runs(), run.ensemble(event.caseIds().get(i)));
                NiftiHeader out = NiftiReader.read(new ByteArrayInputStream(nifti), "ensemble").header();
                NiftiHeader in = NiftiReader.readHeader(fixture.dataset().testCases().get(i).images().get(0));
                assertArrayEquals(in.dim(), out.dim(), "ensemble has the input's shape");
                assertTrue(Arrays.deepEquals(in.affine(), out.affine()), "ensemble has the input's affine");
            }
            for (String name : List.of("postprocessing.json", "summary.json", "ensemble.json")) {
                assertTrue(store.exists(store.buckets().runs(), run.ensemblePrefix() + name), name);
            }
            status.await(r -> r.value().contains(EnsemblePredicted.TYPE) && runId.equals(r.key()), CONSUMED_TIMEOUT);

            // re-delivered evaluations change nothing
            byte[] marker = store.get(store.buckets().runs(), run.ensemblePrefix() + "ensemble.json");
            RecordMetadata again = publish(evaluated(runId, 1));
            RecordMetadata againFold0 = publish(evaluated(runId, 0));
            TestKafka.awaitConsumed(stack.bootstrapServers(), GROUP, again, CONSUMED_TIMEOUT);
            TestKafka.awaitConsumed(stack.bootstrapServers(), GROUP, againFold0, CONSUMED_TIMEOUT);
            TestKafka.awaitConsumed(stack.bootstrapServers(), GROUP, second, CONSUMED_TIMEOUT);
            assertEquals(1, predictions.poll(Duration.ofMillis(500)).stream().filter(r -> runId.equals(r.key())).count(),
                    "one ensemble announced");
            assertArrayEquals(marker, store.get(store.buckets().runs(), run.ensemblePrefix() + "ensemble.json"),
                    "the ensemble was not rebuilt");
        }
        String metrics = PrometheusText.scrape(metricsUrl);
        assertTrue(PrometheusText.value(metrics, "segfold_predictor_ensembles_total") >= 1);
        assertTrue(PrometheusText.value(metrics, "segfold_predictor_ensemble_seconds_count") >= 1);
        assertTrue(PrometheusText.value(metrics, "segfold_predictor_evaluations_total{outcome=\"already_done\"") >= 1,
                "the re-delivered evaluations");
        assertTrue(PrometheusText.value(metrics, "segfold_predictor_evaluations_total{outcome=\"waiting\"") >= 1,
                "the first fold's evaluation waited for the second");
    }

    @io.quarkus.test.common.http.TestHTTPResource("/q/metrics")
    java.net.URL metricsUrl;

    @Test
    void twoEvaluationsAtOnceGiveOneEnsemble() throws Exception {
        String runId = "both-" + UUID.randomUUID().toString().substring(0, 8);
        fixture.uploadDataset(store::put, store.buckets().datasets());
        fixture.uploadRun(store::put, store.buckets().runs(), runId, List.of(0, 1), List.of(0, 1));
        try (TopicWatcher predictions = TopicWatcher.fromNow(stack.bootstrapServers(), Topics.PREDICTIONS)) {
            RecordMetadata a = publish(evaluated(runId, 0));
            RecordMetadata b = publish(evaluated(runId, 1));
            predictions.await(r -> runId.equals(r.key()), ENSEMBLE_TIMEOUT);
            TestKafka.awaitConsumed(stack.bootstrapServers(), GROUP, a, CONSUMED_TIMEOUT);
            TestKafka.awaitConsumed(stack.bootstrapServers(), GROUP, b, CONSUMED_TIMEOUT);
            assertEquals(1, predictions.poll(Duration.ofMillis(500)).stream().filter(r -> runId.equals(r.key())).count(),
                    "exactly one ensemble for two simultaneous evaluations");
        }
    }

    @Test
    void aTamperedCheckpointFailsTheRunWithItsName() throws Exception {
        String runId = "bad-" + UUID.randomUUID().toString().substring(0, 8);
        RunLayout run = RunLayout.of(runId);
        fixture.uploadDataset(store::put, store.buckets().datasets());
        fixture.uploadRun(store::put, store.buckets().runs(), runId, List.of(0, 1), List.of(0, 1));
        int finalIteration = Integer.parseInt(fixture.folds().get(1).getFileName().toString().substring(5));
        String model = run.checkpoint(fixture.configuration().id(), 1, finalIteration).modelParams();
        byte[] weights = store.get(store.buckets().runs(), model);
        weights[weights.length / 2] ^= 0x55;
        store.put(store.buckets().runs(), model, weights, "application/octet-stream");
        try (TopicWatcher status = TopicWatcher.fromNow(stack.bootstrapServers(), Topics.STATUS)) {
            publish(evaluated(runId, 1));
            ConsumerRecord<String, String> failed = status.await(
                    r -> runId.equals(r.key()) && r.value().contains(RunFailed.TYPE), ENSEMBLE_TIMEOUT);
            SegfoldEvent event = ContractJson.read(failed.value(), StatusEnvelope.class).event();
            String reason = ((RunFailed) event).reason();
            assertTrue(reason.contains("SHA-256") && reason.contains(model), reason);
            assertFalse(store.exists(store.buckets().runs(), run.ensemblePrefix() + "ensemble.json"));
        }
    }

    @Test
    void malformedRecordsGoToTheDeadLetterTopic() {
        try (TopicWatcher dead = TopicWatcher.fromNow(stack.bootstrapServers(), Service.PREDICTOR.deadLetterTopic())) {
            TestKafka.send(stack.bootstrapServers(), Topics.EVALUATIONS, "x/0/0", "{not json");
            String wrongType = ContractJson.writeString(new RunFailed("r1", "not an evaluation", Instant.now()));
            TestKafka.send(stack.bootstrapServers(), Topics.EVALUATIONS, "r1", wrongType);
            dead.await(r -> "{not json".equals(r.value()), CONSUMED_TIMEOUT);
            dead.await(r -> wrongType.equals(r.value()), CONSUMED_TIMEOUT);
        }
    }

    private RecordMetadata publish(FoldEvaluated event) {
        return TestKafka.send(stack.bootstrapServers(), Topics.EVALUATIONS, event.key(), ContractJson.writeString(event));
    }

    private static FoldEvaluated evaluated(String runId, int fold) {
        FoldId id = new FoldId(runId, fixture.configuration().id(), 0, fold);
        int iteration = Integer.parseInt(fixture.folds().get(fold).getFileName().toString().substring(5));
        return new FoldEvaluated(id, iteration, id.layout().checkpoint(iteration).manifest(), "0".repeat(64),
                List.of(new ClassDice(1, "foreground", 0.5)), id.layout().validationSummary(),
                id.layout().postprocessing(), Instant.now());
    }
}
