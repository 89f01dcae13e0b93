package dev.segfold.predictor.cascade;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.contracts.events.ClassDice;
import dev.segfold.contracts.events.EnsemblePredicted;
import dev.segfold.contracts.events.FailurePhase;
import dev.segfold.contracts.events.FoldEvaluated;
import dev.segfold.contracts.events.FoldFailed;
import dev.segfold.contracts.events.FoldId;
import dev.segfold.contracts.events.FoldTrainingRequested;
import dev.segfold.contracts.events.NextStagePredicted;
import dev.segfold.contracts.events.SegfoldEvent;
import dev.segfold.contracts.json.ContractJson;
import dev.segfold.contracts.status.StatusEnvelope;
import dev.segfold.contracts.storage.RunLayout;
import dev.segfold.contracts.topics.FoldRequestPartitioner;
import dev.segfold.contracts.topics.Topics;
import dev.segfold.devstack.DevStack;
import dev.segfold.engine.ensemble.LabelNpz;
import dev.segfold.engine.image.Volume;
import dev.segfold.engine.nifti.NiftiHeader;
import dev.segfold.engine.nifti.NiftiReader;
import dev.segfold.engine.plan.Configuration;
import dev.segfold.engine.plan.PlansJson;
import dev.segfold.engine.split.SplitFile;
import dev.segfold.engine.workflow.ExperimentContext;
import dev.segfold.service.storage.ObjectStore;
import dev.segfold.service.testing.DevStackResource;
import dev.segfold.service.testing.InjectDevStack;
import dev.segfold.service.testing.fixture.TemporaryFolders;
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
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The predictor's cascade part against a real broker and S3 server: the first stage's folds
 * predicting the next stage and requesting the second stage once, and the cascade ensemble. The
 * storage is prepared as the trainer and evaluator leave it, with folds trained tiny by the engine.
 */
@QuarkusTest
@WithTestResource(DevStackResource.class)
class CascadePredictionTest {
    static final Duration WORK_TIMEOUT = Duration.ofSeconds(150);
    static final Duration CONSUMED_TIMEOUT = Duration.ofSeconds(60);
    static final String GROUP = "predictor-service.evaluations";
    static final String LOW = Configuration.LOWRES_3D.id();
    static final String CASCADE = Configuration.CASCADE_FULLRES_3D.id();
    static final List<Integer> CASCADE_FOLDS = List.of(0, 1);
    static final int CASCADE_ITERATIONS = 11;
    static Path work;
    static CascadeRunFixture fixture;

    @InjectDevStack
    DevStack stack;

    @Inject
    ObjectStore store;

    @BeforeAll
    static void trainFolds() throws Exception {
        work = Files.createTempDirectory("predictor-cascade-test-");
        fixture = CascadeRunFixture.train(work, "Task91_Cascade", CASCADE_FOLDS, 4);
    }

    @AfterAll
    static void removeWork() {
        TemporaryFolders.delete(work);
    }

    @Test
    void firstStageFoldsPredictTheNextStageAndRequestTheSecondStageOnce() throws Exception {
        String runId = "casc-" + UUID.randomUUID().toString().substring(0, 8);
        RunLayout run = RunLayout.of(runId);
        String bucket = store.buckets().runs();
        List<Integer> trained = List.of(0, 1, 2, 3);
        fixture.uploadDataset(store::put, store.buckets().datasets());
        fixture.uploadRun(store::put, bucket, runId, trained, List.of(4), CASCADE_FOLDS, CASCADE_ITERATIONS);
        for (int fold = 0; fold < 5; fold++) {
            fixture.uploadCheckpoints(store::put, bucket, runId, Configuration.LOWRES_3D, fold);
        }
        try (TopicWatcher predictions = TopicWatcher.fromNow(stack.bootstrapServers(), Topics.PREDICTIONS);
             TopicWatcher status = TopicWatcher.fromNow(stack.bootstrapServers(), Topics.STATUS);
             TopicWatcher requests = TopicWatcher.fromNow(stack.bootstrapServers(), Topics.FOLD_REQUESTS)) {
            // an evaluation of a checkpoint that is not the fold's last does nothing
            RecordMetadata early = publish(evaluated(runId, 0, 2));
            // four of five first-stage folds: maps, markers, announcements, but no second stage yet
            RecordMetadata last = null;
            for (int fold = 0; fold < 4; fold++) {
                last = publish(evaluated(runId, fold, CascadeRunFixture.iteration(fixture.lowresFolds().get(fold))));
            }
            TestKafka.awaitConsumed(stack.bootstrapServers(), GROUP, early, CONSUMED_TIMEOUT);
            TestKafka.awaitConsumed(stack.bootstrapServers(), GROUP, last, WORK_TIMEOUT);
            for (int fold = 0; fold < 4; fold++) {
                assertTrue(store.exists(bucket, run.nextStagePrefix(LOW) + "fold" + fold + ".json"), "marker " + fold);
            }
            assertFalse(store.exists(bucket, run.nextStagePrefix(LOW) + "stage1-requested.json"));
            assertTrue(requests.poll(Duration.ofMillis(300)).stream().noneMatch(r -> r.key().startsWith(runId + "/")),
                    "no second-stage request before every first-stage fold predicted");

            // the imported fold 4 completes the first stage; a replay of fold 0 comes along
            publish(evaluated(runId, 4, CascadeRunFixture.iteration(fixture.lowresFolds().get(4))));
            RecordMetadata replay = publish(evaluated(runId, 0,
                    CascadeRunFixture.iteration(fixture.lowresFolds().get(0))));
            for (int fold : CASCADE_FOLDS) {
                requests.await(r -> r.key().equals(runId + "/1/" + fold), WORK_TIMEOUT);
            }
            TestKafka.awaitConsumed(stack.bootstrapServers(), GROUP, replay, WORK_TIMEOUT);
            RecordMetadata lateReplay = publish(evaluated(runId, 2,
                    CascadeRunFixture.iteration(fixture.lowresFolds().get(2))));
            TestKafka.awaitConsumed(stack.bootstrapServers(), GROUP, lateReplay, CONSUMED_TIMEOUT);

            // exactly one request per second-stage fold, as CASCADE.md fixes its fields
            List<ConsumerRecord<String, String>> sent = requests.poll(Duration.ofMillis(500)).stream()
                    .filter(r -> r.key().startsWith(runId + "/")).toList();
            assertEquals(CASCADE_FOLDS.size(), sent.size(), "one request per stage-1 fold: " + sent);
            Set<Integer> requestedFolds = new TreeSet<>();
            for (ConsumerRecord<String, String> r : sent) {
                FoldTrainingRequested request = (FoldTrainingRequested) event(r.value());
                FoldId id = request.fold();
                assertEquals(new FoldId(runId, CASCADE, 1, id.fold()), id);
                requestedFolds.add(id.fold());
                assertEquals(fixture.datasetName(), request.dataset());
                assertEquals(CASCADE_ITERATIONS, request.iterations());
                assertEquals(3, request.settings().saveInterval());
                assertEquals(2, request.settings().logInterval());
                assertEquals(99L, request.seed());
                assertEquals(run.plans(), request.plansKey());
                assertEquals(run.foldConfig(CASCADE, id.fold()), request.configKey());
                assertEquals(run.nextStagePrefix(LOW), request.previousStagePrefix());
                assertEquals(FoldRequestPartitioner.DEFAULT.partition(id, List.of(trained, CASCADE_FOLDS)),
                        r.partition(), "partition of " + r.key());
            }
            assertEquals(Set.copyOf(CASCADE_FOLDS), requestedFolds);
            assertTrue(store.exists(bucket, run.nextStagePrefix(LOW) + "stage1-requested.json"));
            for (int fold : CASCADE_FOLDS) {
                status.await(r -> r.key().equals(runId + "/1/" + fold)
                        && r.value().contains(FoldTrainingRequested.TYPE), CONSUMED_TIMEOUT);
            }

            // five announcements, one per first-stage fold, despite the replays
            List<NextStagePredicted> announced = predictions.poll(Duration.ofMillis(300)).stream()
                    .filter(r -> r.key().startsWith(runId + "/")).map(r -> (NextStagePredicted) event(r.value()))
                    .toList();
            assertEquals(List.of(0, 1, 2, 3, 4), announced.stream().map(e -> e.fold().fold()).sorted().toList(),
                    "one NextStagePredicted per first-stage fold");
            assertTrue(announced.stream().allMatch(e -> e.predictionsPrefix().equals(run.nextStagePrefix(LOW))));
            assertEquals(5, status.poll(Duration.ofMillis(300)).stream()
                    .filter(r -> r.key().startsWith(runId + "/") && r.value().contains(NextStagePredicted.TYPE))
                    .count());

            // every training case has its map, at its stage-1 preprocessed shape
            ExperimentContext ctx = new ExperimentContext(fixture.dataset(), fixture.experiment(),
                    PlansJson.read(fixture.experiment().plansFile()), SplitFile.read(fixture.experiment().splitsFile()));
            var fullres = ctx.preprocessing(Configuration.CASCADE_FULLRES_3D);
            Path maps = Files.createDirectories(work.resolve("maps-" + runId));
            for (String caseId : fixture.dataset().trainingCaseIds()) {
                String key = run.nextStage(LOW, caseId, ".npz");
                assertTrue(store.exists(bucket, key), key);
                Path file = store.download(bucket, key, maps.resolve(caseId + ".npz"));
                Volume labels = LabelNpz.read(file);
                assertArrayEquals(fullres.trainingCase(caseId).seg().shape(), labels.shape(), key);
            }
        }
    }

    @Test
    void aCascadeRunIsEnsembledOnTheLowresEnsemble() throws Exception {
        String runId = "cens-" + UUID.randomUUID().toString().substring(0, 8);
        RunLayout run = RunLayout.of(runId);
        String bucket = store.buckets().runs();
        fixture.uploadDataset(store::put, store.buckets().datasets());
        fixture.uploadRun(store::put, bucket, runId, List.of(0, 1, 2, 3, 4), List.of(), CASCADE_FOLDS,
                CASCADE_ITERATIONS);
        for (int fold = 0; fold < 5; fold++) {
            fixture.uploadCheckpoints(store::put, bucket, runId, Configuration.LOWRES_3D, fold);
        }
        try (TopicWatcher predictions = TopicWatcher.fromNow(stack.bootstrapServers(), Topics.PREDICTIONS)) {
            // cascade fold 0 alone: the ensemble waits for fold 1
            fixture.uploadCheckpoints(store::put, bucket, runId, Configuration.CASCADE_FULLRES_3D, 0);
            fixture.uploadValidation(store::put, bucket, runId, 0);
            RecordMetadata first = publish(cascadeEvaluated(runId, 0));
            TestKafka.awaitConsumed(stack.bootstrapServers(), GROUP, first, CONSUMED_TIMEOUT);
            assertTrue(store.list(bucket, run.ensemblePrefix()).isEmpty(), "no ensemble before every stage-1 fold");

            fixture.uploadCheckpoints(store::put, bucket, runId, Configuration.CASCADE_FULLRES_3D, 1);
            fixture.uploadValidation(store::put, bucket, runId, 1);
            publish(cascadeEvaluated(runId, 1));
            ConsumerRecord<String, String> announced = predictions.await(
                    r -> runId.equals(r.key()) && r.value().contains(EnsemblePredicted.TYPE), WORK_TIMEOUT);
            EnsemblePredicted event = (EnsemblePredicted) event(announced.value());
            assertEquals(CASCADE, event.configuration());
            assertEquals(CASCADE_FOLDS, event.folds());
            assertEquals(fixture.dataset().testCases().size(), event.caseIds().size());
            for (int i = 0; i < event.caseIds().size(); i++) {
                byte[] nifti = store.get(bucket, run.ensemble(event.caseIds().get(i)));
                NiftiHeader out = NiftiReader.read(new ByteArrayInputStream(nifti), "ensemble").header();
                NiftiHeader in = NiftiReader.readHeader(fixture.dataset().testCases().get(i).images().get(0));
                assertArrayEquals(in.dim(), out.dim(), "ensemble has the input's shape");
                assertTrue(Arrays.deepEquals(in.affine(), out.affine()), "ensemble has the input's affine");
            }
            assertTrue(store.exists(bucket, run.ensemblePrefix() + "ensemble.json"));
        }
    }

    @Test
    void aTamperedFirstStageCheckpointFailsItsFoldOnly() throws Exception {
        String runId = "cbad-" + UUID.randomUUID().toString().substring(0, 8);
        RunLayout run = RunLayout.of(runId);
        String bucket = store.buckets().runs();
        fixture.uploadDataset(store::put, store.buckets().datasets());
        fixture.uploadRun(store::put, bucket, runId, List.of(0, 1, 2, 3, 4), List.of(), CASCADE_FOLDS,
                CASCADE_ITERATIONS);
        fixture.uploadCheckpoints(store::put, bucket, runId, Configuration.LOWRES_3D, 1);
        fixture.uploadCheckpoints(store::put, bucket, runId, Configuration.LOWRES_3D, 2);
        int iteration = CascadeRunFixture.iteration(fixture.lowresFolds().get(1));
        String model = run.checkpoint(LOW, 1, iteration).modelParams();
        byte[] weights = store.get(bucket, model);
        weights[weights.length / 2] ^= 0x55;
        store.put(bucket, model, weights, "application/octet-stream");
        try (TopicWatcher status = TopicWatcher.fromNow(stack.bootstrapServers(), Topics.STATUS)) {
            publish(evaluated(runId, 1, iteration));
            RecordMetadata other = publish(evaluated(runId, 2, CascadeRunFixture.iteration(fixture.lowresFolds().get(2))));
            ConsumerRecord<String, String> failed = status.await(r -> r.key().equals(runId + "/0/1")
                    && r.value().contains(FoldFailed.TYPE), WORK_TIMEOUT);
            FoldFailed event = (FoldFailed) ContractJson.read(failed.value(), StatusEnvelope.class).event();
            assertEquals(FailurePhase.PREDICTION, event.phase());
            assertEquals(new FoldId(runId, LOW, 0, 1), event.fold());
            assertTrue(event.reason().contains("SHA-256") && event.reason().contains(model), event.reason());
            TestKafka.awaitConsumed(stack.bootstrapServers(), GROUP, other, WORK_TIMEOUT);
            assertFalse(store.exists(bucket, run.nextStagePrefix(LOW) + "fold1.json"), "no marker for the failed fold");
            assertTrue(store.exists(bucket, run.nextStagePrefix(LOW) + "fold2.json"), "the other fold went on");
        }
    }

    private RecordMetadata publish(FoldEvaluated event) {
        return TestKafka.send(stack.bootstrapServers(), Topics.EVALUATIONS, event.key(), ContractJson.writeString(event));
    }

    private static SegfoldEvent event(String json) {
        return ContractJson.readEvent(json.getBytes(StandardCharsets.UTF_8));
    }

    private static FoldEvaluated evaluated(String runId, int fold, int iteration) {
        return evaluation(new FoldId(runId, LOW, 0, fold), iteration);
    }

    private static FoldEvaluated cascadeEvaluated(String runId, int fold) {
        return evaluation(new FoldId(runId, CASCADE, 1, fold),
                CascadeRunFixture.iteration(fixture.cascadeFolds().get(fold)));
    }

    private static FoldEvaluated evaluation(FoldId id, int iteration) {
        return new FoldEvaluated(id, iteration, id.layout().checkpoint(iteration).manifest(), "0".repeat(64),
                List.of(new ClassDice(1, "foreground", 0.5)), id.layout().validationSummary(),
                id.layout().postprocessing(), Instant.now());
    }
}
