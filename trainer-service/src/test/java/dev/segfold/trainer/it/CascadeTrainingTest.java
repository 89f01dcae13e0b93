package dev.segfold.trainer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.contracts.events.FoldCheckpointed;
import dev.segfold.contracts.events.FoldFailed;
import dev.segfold.contracts.events.FoldId;
import dev.segfold.contracts.events.FoldTrainingRequested;
import dev.segfold.contracts.events.SegfoldEvent;
import dev.segfold.contracts.json.ContractJson;
import dev.segfold.contracts.events.FoldProgress;
import dev.segfold.contracts.spec.FoldSettings;
import dev.segfold.contracts.status.StatusEnvelope;
import dev.segfold.contracts.storage.DatasetLayout;
import dev.segfold.contracts.storage.RunLayout;
import dev.segfold.contracts.topics.Topics;
import dev.segfold.devstack.DevStack;
import dev.segfold.engine.dataset.MsdDataset;
import dev.segfold.engine.ensemble.LabelNpz;
import dev.segfold.engine.image.Volume;
import dev.segfold.engine.network.UNet3dConfig;
import dev.segfold.engine.plan.Configuration;
import dev.segfold.engine.plan.PlanOverrides;
import dev.segfold.engine.synthetic.SyntheticDatasetGenerator;
import dev.segfold.engine.training.FoldTrainer;
import dev.segfold.engine.workflow.ExperimentContext;
import dev.segfold.engine.workflow.ExperimentLayout;
import dev.segfold.engine.workflow.ExperimentListener;
import dev.segfold.engine.workflow.StagePreprocessing;
import dev.segfold.service.storage.ObjectStore;
import dev.segfold.service.testing.DevStackResource;
import dev.segfold.service.testing.InjectDevStack;
import dev.segfold.service.workspace.RunWorkspaces;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The cascade's second stage against a real broker and S3 server: a generated data set planned with
 * a forced low-res stage (base 4 features, 2 pools, batch 2), the first stage's next-stage maps
 * uploaded where the predictor writes them (made from each case's stage-1 ground truth, background
 * for the nonzero region's outside), and {@code 3d_cascade_fullres} fold requests as the predictor
 * sends them.
 */
@QuarkusTest
@WithTestResource(DevStackResource.class)
@WithTestResource(FreshWorkDir.class)
class CascadeTrainingTest {
    static final String DATASET = "SyntheticCascade";
    static final String CASCADE = Configuration.CASCADE_FULLRES_3D.id();
    static final String LOWRES = Configuration.LOWRES_3D.id();
    static final Duration TIMEOUT = Duration.ofSeconds(150);

    static ExperimentContext context;
    static Path maps;
    static TopicLog status;
    static KafkaProducer<String, String> producer;

    @InjectDevStack
    DevStack stack;

    @Inject
    ObjectStore store;

    @BeforeEach
    void planOnce() throws IOException {
        if (context != null) {
            return;
        }
        Path root = Files.createTempDirectory("trainer-cascade-test");
        Path data = root.resolve("data");
        SyntheticDatasetGenerator.builder().trainingCases(6).optShape(16, 20, 16).optSeed(11).optName(DATASET)
                .build().generate(data);
        try (Stream<Path> files = Files.walk(data)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                store.put(store.buckets().datasets(),
                        DatasetLayout.of(DATASET).prefix() + data.relativize(file).toString().replace('\\', '/'), file);
            }
        }
        context = ExperimentContext.open(MsdDataset.open(data), new ExperimentLayout(root.resolve("experiment")),
                PlanOverrides.NONE.withBaseNumFeatures(4).withMaxNumPool(2).withBatchSize(2)
                        .withPatchSize(16, 16, 16).withForcedLowres(new double[] {2, 2, 2}, null),
                ExperimentListener.SILENT);
        assertEquals(2, context.plans().numStages(), "the plan has a low-res stage");
        maps = root.resolve("maps");
        StagePreprocessing stage1 = context.preprocessing(Configuration.CASCADE_FULLRES_3D);
        for (String caseId : context.dataset().trainingCaseIds()) {
            LabelNpz.write(maps.resolve(caseId + ".npz"), groundTruthMap(stage1.trainingCase(caseId).seg()));
        }
        status = new TopicLog(stack.bootstrapServers(), Topics.STATUS);
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
    }

    @AfterAll
    static void closeClients() {
        for (AutoCloseable c : new AutoCloseable[] {status, producer}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    // the broker goes down with the test resource anyway
                }
            }
        }
    }

    @Test
    void aStageOneFoldTrainsOnThePreviousStageMapsOfItsTrainingCases() throws IOException {
        String runId = "cascade-train";
        int fold = 0;
        uploadRun(runId);
        List<String> training = context.split().fold(fold).train();
        for (String caseId : training) {
            uploadMap(runId, caseId);
        }
        for (String caseId : context.split().fold(fold).val()) {
            uploadMap(runId, caseId); // validation during training reads the validation cases' maps too
        }
        FoldTrainingRequested request = request(runId, fold, RunLayout.of(runId).nextStagePrefix(LOWRES));
        send(request);

        List<SegfoldEvent> events = awaitEvents(request.fold(), "the final checkpoint",
                list -> list.stream().anyMatch(e -> e instanceof FoldCheckpointed c && c.finalCheckpoint()
                        || e instanceof FoldFailed));
        assertFalse(events.stream().anyMatch(FoldFailed.class::isInstance), "no failure expected: " + events);
        FoldCheckpointed last = events.stream().filter(FoldCheckpointed.class::isInstance)
                .map(FoldCheckpointed.class::cast).filter(FoldCheckpointed::finalCheckpoint).findFirst().orElseThrow();
        assertEquals(4, last.iteration());
        assertEquals(1, last.fold().stage());
        String network = new String(store.get(store.buckets().runs(),
                request.fold().layout().checkpoint(4).file(FoldTrainer.NETWORK_FILE)), StandardCharsets.UTF_8);
        int channels = UNet3dConfig.fromJson(network).inputChannels();
        assertEquals(context.plans().numModalities() + context.plans().numClasses(), channels,
                "modalities plus one-hot previous-stage channels: " + network);
        assertTrue(channels > context.plans().numModalities());
        List<FoldProgress> validated = events.stream().filter(FoldProgress.class::isInstance)
                .map(FoldProgress.class::cast).filter(p -> Integer.valueOf(p.iteration()).equals(p.validatedAt()))
                .toList();
        assertEquals(List.of(2, 4), validated.stream().map(FoldProgress::iteration).toList(),
                "validated after each epoch of 2 iterations, with the validation cases' maps");
        assertTrue(validated.stream().allMatch(p -> p.validationLoss() != null && p.validationLoss() > 0));
        assertTrue(store.exists(store.buckets().runs(), request.fold().layout().bestManifest()), "a best checkpoint");
    }

    @Test
    void aMissingMapFailsTheFoldNamingItsKeyAndTrainsNothing() throws IOException {
        String runId = "cascade-gap";
        int fold = 1;
        uploadRun(runId);
        List<String> training = context.split().fold(fold).train();
        for (String caseId : training.subList(1, training.size())) {
            uploadMap(runId, caseId);
        }
        for (String caseId : context.split().fold(fold).val()) {
            uploadMap(runId, caseId);
        }
        FoldTrainingRequested request = request(runId, fold, RunLayout.of(runId).nextStagePrefix(LOWRES));
        send(request);

        FoldFailed failed = awaitFailure(request.fold());
        String missing = store.buckets().runs() + "/" + RunLayout.of(runId).nextStage(LOWRES, training.get(0), ".npz");
        assertTrue(failed.reason().contains(missing), failed.reason());
        for (String present : training.subList(1, training.size())) {
            assertFalse(failed.reason().contains(present + ".npz"), "only the missing map is named: " + failed.reason());
        }
        assertTrue(failed.retryable(), "the predictor may still write the map");
        assertTrue(store.list(store.buckets().runs(), request.fold().layout().prefix()).stream()
                .noneMatch(k -> k.contains("/iter_")), "nothing trained");
    }

    @Test
    void aCascadeRequestWithoutOrOutsideItsRunsPrefixIsRefused() {
        String runId = "cascade-noprefix";
        uploadRun(runId);
        FoldTrainingRequested without = request(runId, 2, null);
        send(without);
        FoldFailed missing = awaitFailure(without.fold());
        assertTrue(missing.reason().contains("FoldTrainingRequested.previousStagePrefix is missing"), missing.reason());
        assertFalse(missing.retryable());

        FoldTrainingRequested foreign = request(runId, 3, RunLayout.of("cascade-train").nextStagePrefix(LOWRES));
        send(foreign);
        FoldFailed outside = awaitFailure(foreign.fold());
        assertTrue(outside.reason().contains("outside the run's prefix " + runId + "/"), outside.reason());
        assertFalse(outside.retryable());
    }

    // ---- helpers

    /** The stage-1 ground truth as a label map: -1 (outside the nonzero region) becomes background. */
    static Volume groundTruthMap(Volume seg) {
        Volume out = seg.copy();
        float[] v = out.data();
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.max(0, v[i]);
        }
        return out;
    }

    private static FoldTrainingRequested request(String runId, int fold, String previousStagePrefix) {
        RunLayout run = RunLayout.of(runId);
        return new FoldTrainingRequested(new FoldId(runId, CASCADE, 1, fold), DATASET, FoldSettings.of(4, 2, 2, 1, 42L).withValidation(2, 1),
                run.plans(),
                run.foldConfig(CASCADE, fold), previousStagePrefix, Instant.now());
    }

    private void uploadRun(String runId) {
        RunLayout run = RunLayout.of(runId);
        store.put(store.buckets().runs(), run.plans(), context.layout().plansFile());
        store.put(store.buckets().runs(), run.prefix() + RunWorkspaces.SPLITS_FILE, context.layout().splitsFile());
    }

    private void uploadMap(String runId, String caseId) {
        store.put(store.buckets().runs(), RunLayout.of(runId).nextStage(LOWRES, caseId, ".npz"),
                maps.resolve(caseId + ".npz"));
    }

    private static void send(FoldTrainingRequested request) {
        try {
            producer.send(new ProducerRecord<>(Topics.FOLD_REQUESTS, request.key(),
                    ContractJson.writeString(request))).get();
        } catch (Exception e) {
            throw new AssertionError("could not send to " + Topics.FOLD_REQUESTS + ": " + e.getMessage(), e);
        }
    }

    private static FoldFailed awaitFailure(FoldId fold) {
        return awaitEvents(fold, "a failure", list -> list.stream().anyMatch(FoldFailed.class::isInstance)).stream()
                .filter(FoldFailed.class::isInstance).map(FoldFailed.class::cast).findFirst().orElseThrow();
    }

    private static List<SegfoldEvent> awaitEvents(FoldId fold, String what, Predicate<List<SegfoldEvent>> condition) {
        return foldEvents(status.await(what + " of " + fold.key(), TIMEOUT,
                all -> condition.test(foldEvents(all, fold))), fold);
    }

    private static List<SegfoldEvent> foldEvents(List<ConsumerRecord<String, String>> records, FoldId fold) {
        List<SegfoldEvent> out = new ArrayList<>();
        for (ConsumerRecord<String, String> r : records) {
            if (fold.key().equals(r.key())) {
                out.add(ContractJson.read(r.value(), StatusEnvelope.class).event());
            }
        }
        return out;
    }
}
