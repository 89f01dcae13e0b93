package dev.segfold.trainer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.contracts.checkpoint.BudgetFit;
import dev.segfold.contracts.checkpoint.CheckpointManifest;
import dev.segfold.contracts.checkpoint.ManifestFile;
import dev.segfold.contracts.checkpoint.TrainedWith;
import dev.segfold.contracts.events.FoldCheckpointed;
import dev.segfold.contracts.events.FoldFailed;
import dev.segfold.contracts.events.FoldId;
import dev.segfold.contracts.events.FoldProgress;
import dev.segfold.contracts.events.FoldTrainingRequested;
import dev.segfold.contracts.events.SegfoldEvent;
import dev.segfold.contracts.json.ContractJson;
import dev.segfold.contracts.spec.FoldSettings;
import dev.segfold.contracts.spec.Precision;
import dev.segfold.contracts.spec.TrainingRecipe;
import dev.segfold.contracts.status.StatusEnvelope;
import dev.segfold.contracts.storage.CheckpointLayout;
import dev.segfold.contracts.storage.DatasetLayout;
import dev.segfold.contracts.storage.RunLayout;
import dev.segfold.contracts.storage.notification.StorageNotification;
import dev.segfold.contracts.storage.notification.StorageRecord;
import dev.segfold.contracts.topics.Service;
import dev.segfold.contracts.topics.Topics;
import dev.segfold.devstack.DevStack;
import dev.segfold.engine.dataset.MsdDataset;
import dev.segfold.engine.plan.Configuration;
import dev.segfold.engine.plan.PlanOverrides;
import dev.segfold.engine.plan.PlansJson;
import dev.segfold.engine.split.KFoldSplitter;
import dev.segfold.engine.split.SplitFile;
import dev.segfold.engine.synthetic.SyntheticDatasetGenerator;
import dev.segfold.engine.training.TrainingConfig;
import dev.segfold.engine.workflow.ExperimentPlanning;
import dev.segfold.service.storage.ObjectStore;
import dev.segfold.service.testing.DevStackResource;
import dev.segfold.service.testing.InjectDevStack;
import dev.segfold.service.workspace.RunWorkspaces;
import dev.segfold.trainer.service.BucketCheckpoints;
import dev.segfold.trainer.service.FoldLease;
import dev.segfold.trainer.service.FoldTrainingService;
import dev.segfold.trainer.service.ProgressHistory;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The trainer against a real broker and a real S3 server: a generated data set and a tiny plan
 * (base 4 features, 2 pools, batch 2) uploaded as the config-service would, requests sent with a
 * plain producer, status events, storage notifications and dead letters read with plain consumers.
 */
@QuarkusTest
@WithTestResource(DevStackResource.class)
@WithTestResource(FreshWorkDir.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrainerServiceTest {
    static final String DATASET = "Synthetic";
    static final String CONFIGURATION = "3d_fullres";
    static final Duration TIMEOUT = Duration.ofSeconds(150);

    static String plansJson;
    /** The same data set planned at base 8: the ladder a budget chooses from has two rungs, 8 and 4. */
    static String plansBase8Json;
    static String splitsJson;
    static TopicLog status;
    static TopicLog storage;
    static TopicLog deadLetters;
    static KafkaProducer<String, String> producer;

    @InjectDevStack
    DevStack stack;

    @Inject
    ObjectStore store;

    @Inject
    RunWorkspaces workspaces;

    @BeforeEach
    void uploadDatasetOnce() throws IOException {
        if (plansJson != null) {
            return;
        }
        Path data = Files.createTempDirectory("trainer-test-data");
        SyntheticDatasetGenerator.builder().trainingCases(6).optShape(24, 32, 24).optSeed(11).optName(DATASET)
                .build().generate(data);
        try (Stream<Path> files = Files.walk(data)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                store.put(store.buckets().datasets(),
                        DatasetLayout.of(DATASET).prefix() + data.relativize(file).toString().replace('\\', '/'), file);
            }
        }
        MsdDataset dataset = MsdDataset.open(data);
        plansJson = PlansJson.toJson(ExperimentPlanning.plan(dataset,
                PlanOverrides.NONE.withBaseNumFeatures(4).withBatchSize(2).withMaxNumPool(2)));
        plansBase8Json = PlansJson.toJson(ExperimentPlanning.plan(dataset,
                PlanOverrides.NONE.withBaseNumFeatures(8).withBatchSize(2).withMaxNumPool(2)));
        splitsJson = SplitFile.toJson(KFoldSplitter.split(dataset.trainingCaseIds(), KFoldSplitter.DEFAULT_FOLDS));
        status = new TopicLog(stack.bootstrapServers(), Topics.STATUS);
        storage = new TopicLog(stack.bootstrapServers(), stack.notificationTopic());
        deadLetters = new TopicLog(stack.bootstrapServers(), Service.TRAINER.deadLetterTopic());
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
    }

    @AfterAll
    static void closeClients() {
        for (AutoCloseable c : new AutoCloseable[] {status, storage, deadLetters, producer}) {
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
    @Order(1)
    void trainsAFoldMirrorsCheckpointsManifestLastAndKeepsConsumingAfterPoison() throws Exception {
        FoldTrainingRequested request = request("run-train", 0, 6, 3, 2);
        uploadRun(request.fold().runId());
        send(null, "{\"this is\": not a fold request");
        send(request.key(), ContractJson.writeString(request));

        deadLetters.await("the malformed record in " + Service.TRAINER.deadLetterTopic(), TIMEOUT,
                all -> all.stream().anyMatch(r -> r.value().contains("not a fold request")));
        List<SegfoldEvent> events = awaitEvents(request.fold(), "the final checkpoint",
                list -> list.stream().anyMatch(e -> e instanceof FoldCheckpointed c && c.finalCheckpoint()));

        Set<Integer> progressIterations = new TreeSet<>();
        for (SegfoldEvent e : events) {
            if (e instanceof FoldProgress p) {
                progressIterations.add(p.iteration());
                assertEquals(6, p.totalIterations());
                assertTrue(p.learningRate() > 0 && Double.isFinite(p.trainLoss()), "progress " + p);
                assertNotNull(p.etaSeconds());
            }
            assertFalse(e instanceof FoldFailed, "no failure expected: " + e);
        }
        assertEquals(Set.of(2, 3, 4, 6), progressIterations,
                "a progress event every 2 iterations, at the end and after each epoch's validation (3, 6)");
        List<FoldCheckpointed> checkpoints = events.stream().filter(FoldCheckpointed.class::isInstance)
                .map(FoldCheckpointed.class::cast).toList();
        assertEquals(List.of(3, 6), checkpoints.stream().map(FoldCheckpointed::iteration).toList());

        // Storage: per checkpoint, every file is created before the manifest; retention (keep 1 in
        // tests) deletes iter_3, manifest first, and keeps the final one.
        String foldPrefix = request.fold().layout().prefix();
        String iter3 = request.fold().layout().checkpoint(3).prefix();
        List<StorageRecord> notes = storageRecords(storage.await("iter_3 pruned", TIMEOUT,
                all -> sequencers(storageRecords(all, store.buckets().runs() + "/" + foldPrefix), iter3, false)
                        .size() == 7), store.buckets().runs() + "/" + foldPrefix);
        for (int iteration : List.of(3, 6)) {
            CheckpointLayout keys = request.fold().layout().checkpoint(iteration);
            Map<String, BigInteger> created = sequencers(notes, keys.prefix(), true);
            assertEquals(Set.of("model.params", "optimizer.params", "network.json", "training.json",
                    "validation.json", ProgressHistory.FILE_NAME, CheckpointLayout.MANIFEST), created.keySet(),
                    "created in " + keys);
            BigInteger manifest = created.get(CheckpointLayout.MANIFEST);
            created.forEach((name, seq) -> assertTrue(name.equals(CheckpointLayout.MANIFEST)
                    || seq.compareTo(manifest) < 0, name + " must be created before the manifest of " + keys));
        }
        for (int iteration : List.of(3)) {
            Map<String, BigInteger> removed = sequencers(notes, request.fold().layout().checkpoint(iteration).prefix(),
                    false);
            assertEquals(7, removed.size(), "every file of iter_" + iteration + " removed");
            BigInteger manifest = removed.get(CheckpointLayout.MANIFEST);
            removed.forEach((name, seq) -> assertTrue(name.equals(CheckpointLayout.MANIFEST)
                    || seq.compareTo(manifest) > 0, name + " must be removed after the manifest"));
        }
        String lease = foldPrefix + FoldLease.NAME;
        storage.await("the lease released", TIMEOUT, all -> storageRecords(all, store.buckets().runs() + "/" + lease)
                .stream().anyMatch(StorageRecord::removed));
        List<String> kept = store.list(store.buckets().runs(), foldPrefix);
        assertTrue(kept.stream().allMatch(k -> k.startsWith(foldPrefix + "iter_6/") || k.startsWith(foldPrefix + "best/")),
                "only the final and the best are kept: " + kept);

        // Validation during training: every epoch (3 iterations) the loss and pseudo-Dice on 2
        // validation batches, repeated in later events until the next validation.
        List<FoldProgress> progress = events.stream().filter(FoldProgress.class::isInstance)
                .map(FoldProgress.class::cast).toList();
        FoldProgress beforeFirst = progress.get(0);
        assertEquals(2, beforeFirst.iteration());
        assertTrue(beforeFirst.validationLoss() == null && beforeFirst.pseudoDice() == null
                && beforeFirst.validatedAt() == null, "nothing validated before the first epoch ends: " + beforeFirst);
        List<FoldProgress> validated = progress.stream().filter(p -> Integer.valueOf(p.iteration())
                .equals(p.validatedAt())).toList();
        assertEquals(List.of(3, 6), validated.stream().map(FoldProgress::iteration).toList());
        Double bestEma = null;
        int bestIteration = -1;
        for (FoldProgress p : validated) {
            assertTrue(p.validationLoss() != null && p.validationLoss() > 0, "validation loss at " + p);
            assertNotNull(p.pseudoDice(), "the synthetic labels are in the validation patches: " + p);
            assertTrue(p.pseudoDice() >= 0 && p.pseudoDice() <= 1, "pseudo Dice " + p.pseudoDice());
            assertEquals(2, p.pseudoDicePerClass().size(), "one value per foreground class");
            assertNotNull(p.pseudoDiceEma());
            if (bestEma == null || p.pseudoDiceEma() > bestEma) {
                bestEma = p.pseudoDiceEma();
                bestIteration = p.iteration();
            }
        }
        assertEquals(0.9 * validated.get(0).pseudoDiceEma() + 0.1 * validated.get(1).pseudoDice(),
                validated.get(1).pseudoDiceEma(), 1e-9, "nnU-Net's moving average");
        FoldProgress at4 = progress.stream().filter(p -> p.iteration() == 4).findFirst().orElseThrow();
        assertEquals(validated.get(0).validationLoss(), at4.validationLoss(), "the last validation, repeated");
        assertEquals(3, at4.validatedAt());

        // checkpoint_best: in best/, role BEST, at the epoch with the highest moving average
        CheckpointManifest best = ContractJson.read(store.get(store.buckets().runs(),
                request.fold().layout().bestManifest()), CheckpointManifest.class);
        assertTrue(best.best() && !best.finalCheckpoint(), "role " + best.role());
        assertEquals(bestIteration, best.iteration(), "the best by the moving average");
        assertEquals(request.fold().layout().best(bestIteration).prefix(), best.layout().prefix());
        for (ManifestFile file : best.files()) {
            byte[] content = store.get(store.buckets().runs(), best.layout().file(file.name()));
            assertEquals(file.sha256(), sha256(content), file.name());
        }
        assertTrue(best.file(CheckpointLayout.MODEL_PARAMS).isPresent());
        assertTrue(best.file(CheckpointLayout.OPTIMIZER_PARAMS).isEmpty(), "the best is never resumed");

        // The final manifest asserts exactly the bytes in the bucket.
        CheckpointLayout last = request.fold().layout().checkpoint(6);
        CheckpointManifest manifest = ContractJson.read(store.get(store.buckets().runs(), last.manifest()),
                CheckpointManifest.class);
        assertTrue(manifest.finalCheckpoint());
        assertEquals(6, manifest.iteration());
        assertEquals(request.fold().runId(), manifest.runId());
        for (ManifestFile file : manifest.files()) {
            byte[] content = store.get(store.buckets().runs(), last.file(file.name()));
            assertEquals(file.size(), content.length, file.name());
            assertEquals(file.sha256(), sha256(content), file.name());
        }
        assertEquals(manifest.contentDigest(), checkpoints.get(1).manifestDigest());
        assertEquals(last.manifest(), checkpoints.get(1).manifestKey());
        String csv = new String(store.get(store.buckets().runs(), last.file(ProgressHistory.FILE_NAME)),
                StandardCharsets.UTF_8);
        List<ProgressHistory.Row> rows = ProgressHistory.parse(csv, 6, "progress.csv").rows();
        assertEquals(List.of(2, 3, 4, 6), rows.stream().map(ProgressHistory.Row::iteration).toList(),
                "the whole curve is in the final checkpoint");
        assertEquals(validated.get(1).validationLoss(), rows.get(3).validationLoss(), "validation in progress.csv");
        assertEquals(validated.get(1).pseudoDiceEma(), rows.get(3).pseudoDiceEma());
        assertEquals(validated.get(0).pseudoDicePerClass(), rows.get(1).pseudoDicePerClass());
        assertEquals(null, rows.get(0).validationLoss());
    }

    @Test
    @Order(2)
    void aSecondDeliveryOfAFinishedFoldOnlyAnnouncesItAgain() {
        FoldTrainingRequested request = request("run-train", 0, 6, 3, 2);
        String foldPrefix = request.fold().layout().prefix();
        List<String> before = store.list(store.buckets().runs(), foldPrefix);
        int notesBefore = storageRecords(foldPrefix).size();
        int eventsBefore = events(request.fold()).size();

        send(request.key(), ContractJson.writeString(request));
        List<SegfoldEvent> after = awaitEvents(request.fold(), "the final checkpoint announced again",
                list -> list.size() > eventsBefore);
        List<SegfoldEvent> added = after.subList(eventsBefore, after.size());
        assertEquals(1, added.size(), "only the announcement: " + added);
        FoldCheckpointed again = (FoldCheckpointed) added.get(0);
        assertTrue(again.finalCheckpoint());
        assertEquals(6, again.iteration());
        assertEquals(before, store.list(store.buckets().runs(), foldPrefix), "no new checkpoint objects");
        assertEquals(notesBefore, storageRecords(foldPrefix).size(), "nothing written under " + foldPrefix);
    }

    @Test
    @Order(3)
    void aMissingDataSetFailsTheFoldAndTheConsumerGoesOn() {
        FoldTrainingRequested request = new FoldTrainingRequested(new FoldId("run-nodata", CONFIGURATION, 0, 2),
                "NoSuchDataset", FoldSettings.of(4, 2, 2, 1, 5L), "run-nodata/plans.json", "run-nodata/configs/3d_fullres/nnunet_fold2.yml",
                null, Instant.now()).retry(3, Instant.now()); // a third attempt, as the config-service retries
        send(request.key(), ContractJson.writeString(request));
        FoldFailed failed = (FoldFailed) awaitEvents(request.fold(), "a failure",
                list -> list.stream().anyMatch(FoldFailed.class::isInstance)).stream()
                .filter(FoldFailed.class::isInstance).findFirst().orElseThrow();
        assertTrue(failed.reason().contains("NoSuchDataset"), failed.reason());
        assertFalse(failed.retryable());
        assertEquals(3, failed.attempt(), "the failure names the attempt it belongs to");
    }

    @Test
    @Order(3)
    void aFoldWhoseTrainersKeepDyingFailsForGoodInsteadOfKillingTheNextOne() {
        String runId = "run-crashloop";
        uploadRun(runId);
        FoldTrainingRequested request = request(runId, 1, 4, 2, 2);
        // the lease as six trainers that died training this fold left it: generation 6, expired
        FoldLease dead = FoldLease.of("trainer-that-died", 6, Instant.now().minus(Duration.ofMinutes(5)),
                Duration.ofSeconds(30));
        store.put(store.buckets().runs(), request.fold().layout().trainerLease(), ContractJson.write(dead),
                "application/json");
        send(request.key(), ContractJson.writeString(request));
        FoldFailed failed = (FoldFailed) awaitEvents(request.fold(), "a failure",
                list -> list.stream().anyMatch(FoldFailed.class::isInstance)).stream()
                .filter(FoldFailed.class::isInstance).findFirst().orElseThrow();
        assertTrue(failed.reason().contains("taken over 6 times"), failed.reason());
        assertFalse(failed.retryable(), "retrying would kill the next trainer too");
        assertFalse(events(request.fold()).stream().anyMatch(FoldProgress.class::isInstance), "nothing trained");
        assertFalse(store.exists(store.buckets().runs(), request.fold().layout().trainerLease()),
                "the lease is released, so that a retry by the user starts afresh");
    }

    @Test
    @Order(4)
    void theCancelMarkerStopsTrainingAndALaterDeliveryResumesFromTheBucket() throws IOException {
        FoldTrainingRequested request = request("run-resume", 2, 8, 3, 1);
        FoldId fold = request.fold();
        uploadRun(fold.runId());
        send(request.key(), ContractJson.writeString(request));
        awaitEvents(fold, "the first checkpoint", list -> list.stream().anyMatch(FoldCheckpointed.class::isInstance));

        String marker = RunLayout.of(fold.runId()).cancelMarker();
        store.put(store.buckets().runs(), marker, new byte[0], "text/plain");
        List<SegfoldEvent> first = awaitEvents(fold, "the cancel",
                list -> list.stream().anyMatch(FoldFailed.class::isInstance));
        FoldFailed failed = first.stream().filter(FoldFailed.class::isInstance).map(FoldFailed.class::cast)
                .findFirst().orElseThrow();
        assertTrue(failed.reason().startsWith(FoldTrainingService.CANCELLED), failed.reason());
        int stoppedAt = first.stream().filter(FoldProgress.class::isInstance).map(FoldProgress.class::cast)
                .mapToInt(FoldProgress::iteration).max().orElseThrow();
        assertTrue(stoppedAt < 8, "stopped before the end, at " + stoppedAt);
        int newest = first.stream().filter(FoldCheckpointed.class::isInstance).map(FoldCheckpointed.class::cast)
                .mapToInt(FoldCheckpointed::iteration).max().orElseThrow();
        assertFalse(first.stream().anyMatch(e -> e instanceof FoldCheckpointed c && c.finalCheckpoint()));

        // Another machine picks the fold up: nothing local, the newest checkpoint is in the bucket.
        store.remove(store.buckets().runs(), marker);
        deleteTree(workspaces.runLayout(fold.runId()).checkpoints(Configuration.FULLRES_3D, fold.fold()));
        String newestPrefix = fold.layout().checkpoint(newest).prefix();
        send(request.key(), ContractJson.writeString(request));
        List<SegfoldEvent> all = awaitEvents(fold, "the final checkpoint after the resume",
                list -> list.stream().anyMatch(e -> e instanceof FoldCheckpointed c && c.finalCheckpoint()));
        List<Integer> resumedProgress = all.subList(first.size(), all.size()).stream()
                .filter(FoldProgress.class::isInstance).map(e -> ((FoldProgress) e).iteration()).toList();
        assertEquals(newest + 1, resumedProgress.get(0), "training resumed after checkpoint " + newest);
        long uploads = storageRecords(fold.layout().prefix()).stream()
                .filter(n -> n.created() && n.objectKey().equals(newestPrefix + CheckpointLayout.MODEL_PARAMS)).count();
        assertEquals(1, uploads, "the resumed checkpoint is downloaded, not written again");
        String csv = new String(store.get(store.buckets().runs(),
                fold.layout().checkpoint(8).file(ProgressHistory.FILE_NAME)), StandardCharsets.UTF_8);
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8), ProgressHistory.parse(csv, 8, "progress.csv").rows().stream()
                .map(ProgressHistory.Row::iteration).toList(), "the curve continues the downloaded one");
    }

    @Test
    @Order(5)
    void theRequestsSettingsAreWhatTrainsAndTheManifestSaysSo() throws Exception {
        FoldSettings asked = new FoldSettings(4, 2, 1, 0, 77L, Precision.BF16,
                new TrainingRecipe(0.005, 0.5, 0.9, 1e-4, 0, null), false, true).withValidation(2, 1);
        FoldTrainingRequested request = new FoldTrainingRequested(new FoldId("run-settings", CONFIGURATION, 0, 1),
                DATASET, asked, RunLayout.of("run-settings").plans(),
                RunLayout.of("run-settings").foldConfig(CONFIGURATION, 1), null, Instant.now());
        uploadRun(request.fold().runId());
        send(request.key(), ContractJson.writeString(request));
        List<SegfoldEvent> events = awaitEvents(request.fold(), "the final checkpoint",
                list -> list.stream().anyMatch(e -> e instanceof FoldCheckpointed c && c.finalCheckpoint()));

        List<FoldProgress> progress = events.stream().filter(FoldProgress.class::isInstance)
                .map(FoldProgress.class::cast).toList();
        assertEquals(List.of(1, 2, 3, 4), progress.stream().map(FoldProgress::iteration).toList(), "logInterval 1");
        for (FoldProgress p : progress) {
            // the poly schedule of the requested rate and power, reported after step i-1 ran
            double expected = 0.005 * Math.pow(1 - (p.iteration() - 1) / 4.0, 0.5);
            assertEquals(expected, p.learningRate(), 1e-9, "lr at iteration " + p.iteration());
        }
        CheckpointLayout last = request.fold().layout().checkpoint(4);
        CheckpointManifest manifest = ContractJson.read(store.get(store.buckets().runs(), last.manifest()),
                CheckpointManifest.class);
        TrainedWith trained = manifest.trainedWith();
        assertNotNull(trained, "a trainer's manifest records what it trained with");
        assertEquals(Precision.BF16, trained.settings().precision());
        assertEquals(0.005, trained.settings().recipe().learningRate());
        assertEquals(Boolean.FALSE, trained.settings().recipe().batchDice(), "decided by the plans, and recorded");
        assertEquals(asked.keepCheckpoints(), trained.settings().keepCheckpoints());
        assertFalse(trained.settings().postprocessing());
        assertEquals(2, trained.batchSize());
        assertEquals(4, trained.baseFeatures());
        assertEquals(2, trained.pools());
        TrainingConfig engine = TrainingConfig.fromJson(new String(store.get(store.buckets().runs(),
                last.file("training.json")), StandardCharsets.UTF_8));
        assertEquals(dev.segfold.engine.network.Precision.BF16, engine.precision());
        assertEquals(0.9, engine.momentum());
        assertEquals(1e-4, engine.weightDecay());
        assertEquals(0.0, engine.gradientClipNorm());
        assertEquals(77L, engine.seed());
        assertEquals(new dev.segfold.engine.training.validation.ValidationSchedule(2, 1), engine.validation(),
                "the validation schedule reaches the engine (and its config digest)");
        assertEquals(2, trained.settings().epochIterations());
        assertEquals(1, trained.settings().validationBatches());
        assertEquals(List.of(2, 4), progress.stream().filter(p -> Integer.valueOf(p.iteration()).equals(p.validatedAt()))
                .map(FoldProgress::iteration).toList(), "validated after each epoch of 2");
        assertTrue(store.exists(store.buckets().runs(), request.fold().layout().checkpoint(2).manifest()),
                "keepCheckpoints 0 keeps every checkpoint");
    }

    /**
     * Long enough that the warm-up (7 steps of the tiny network: 2-3 s on a quiet 2-core machine, up
     * to 21 s measured under a load average of 18) leaves time to fit a count; a budget the warm-up
     * alone exceeds fails the fold, as it should.
     */
    private static final Duration BUDGET = Duration.ofSeconds(40);

    @Test
    @Order(6)
    void aTimeBudgetIsFittedOnceAndTheFittedCountIsRecorded() throws Exception {
        FoldSettings asked = new FoldSettings(0, 1000, 50, 1, 42L, Precision.FP32, TrainingRecipe.DEFAULT, true, false,
                BUDGET).withValidation(250, 0);
        FoldTrainingRequested request = new FoldTrainingRequested(new FoldId("run-budget", CONFIGURATION, 0, 0),
                DATASET, asked, RunLayout.of("run-budget").plans(),
                RunLayout.of("run-budget").foldConfig(CONFIGURATION, 0), null, Instant.now());
        uploadRun(request.fold().runId());
        send(request.key(), ContractJson.writeString(request));
        List<SegfoldEvent> events = awaitEvents(request.fold(), "the final checkpoint",
                list -> list.stream().anyMatch(e -> e instanceof FoldCheckpointed c && c.finalCheckpoint()));
        FoldCheckpointed last = events.stream().filter(FoldCheckpointed.class::isInstance)
                .map(FoldCheckpointed.class::cast).filter(FoldCheckpointed::finalCheckpoint).findFirst().orElseThrow();
        int fitted = last.iteration();
        assertTrue(fitted >= 1, "a count was fitted: " + fitted);
        CheckpointManifest manifest = ContractJson.read(store.get(store.buckets().runs(),
                request.fold().layout().checkpoint(fitted).manifest()), CheckpointManifest.class);
        assertEquals(fitted, manifest.trainedWith().settings().iterations());
        assertEquals(BUDGET, manifest.trainedWith().settings().timeBudget());
        BudgetFit fit = manifest.trainedWith().budgetFit();
        assertNotNull(fit, "the warm-up's measurement is recorded");
        assertEquals(5, fit.warmupIterations());
        assertTrue(fit.msPerIteration() > 0 && fit.warmupMsPerIteration() > 0, fit.toString());
        // the tiny network fits hundreds of iterations in 40 s: the count is fitted again from the fold's own
        // iterations (every tenth of the warm-up's count, at least 60 apart, until nineteen twentieths of the count)
        List<FoldProgress> progress = events.stream().filter(FoldProgress.class::isInstance)
                .map(FoldProgress.class::cast).toList();
        int warmUpCount = progress.get(0).totalIterations(); // the first progress (at 50) precedes any refit
        if (warmUpCount > 60) {
            // the last refit came at most 0.95 into the count before it, which it may shorten a little
            assertTrue(fit.refittedAt() >= 60 && fit.refittedAt() < fitted, "fitted again: " + fit);
        }
        for (FoldProgress p : progress) {
            if (p.iteration() >= fit.refittedAt()) {
                assertEquals(fitted, p.totalIterations(), "progress from the last refit on knows the fitted count");
            }
        }
        TrainingConfig engine = TrainingConfig.fromJson(new String(store.get(store.buckets().runs(),
                request.fold().layout().checkpoint(fitted).file("training.json")), StandardCharsets.UTF_8));
        assertEquals(fitted, engine.iterations(), "the poly schedule ran over the fitted count");
        assertEquals(null, engine.validation(), "validationBatches 0: no validation during training");
        assertTrue(events.stream().filter(FoldProgress.class::isInstance).map(FoldProgress.class::cast)
                .allMatch(p -> p.validationLoss() == null && p.pseudoDice() == null));
        assertFalse(store.exists(store.buckets().runs(), request.fold().layout().bestManifest()), "no best without validation");
    }

    /**
     * Fold 1 of the run has checkpointed base 8 under the same budget (its manifest is written here, as a
     * trainer would have left it): fold 0 trains base 8 too, without probing. Left to itself it would
     * take base 4, since base 8 does not run {@code NetworkScaling.TARGET_ITERATIONS} (2000) of the tiny
     * network in 40 s on a CPU (20 ms an iteration).
     */
    @Test
    @Order(7)
    void aBudgetedFoldTrainsTheNetworkAnEarlierFoldOfTheRunChose() throws Exception {
        String runId = "run-shared-network";
        RunLayout run = RunLayout.of(runId);
        store.put(store.buckets().runs(), run.plans(), plansBase8Json.getBytes(StandardCharsets.UTF_8),
                "application/json");
        store.put(store.buckets().runs(), run.prefix() + RunWorkspaces.SPLITS_FILE,
                splitsJson.getBytes(StandardCharsets.UTF_8), "application/json");
        FoldSettings asked = new FoldSettings(0, 1000, 50, 1, 42L, Precision.FP32, TrainingRecipe.DEFAULT, true, false,
                BUDGET, 250, 0, true);
        FoldId budgetFold = new FoldId("run-budget", CONFIGURATION, 0, 0);
        CheckpointManifest earlier = new BucketCheckpoints(store, store.buckets().runs(), budgetFold).finalCheckpoint()
                .orElseThrow(() -> new AssertionError("the budgeted fold above left a final checkpoint"));
        FoldId sibling = new FoldId(runId, CONFIGURATION, 0, 1);
        CheckpointManifest chosen = new CheckpointManifest(earlier.formatVersion(), runId, CONFIGURATION, 0, 1,
                earlier.iteration(), false, earlier.files(), earlier.configDigest(), earlier.createdAt(),
                new TrainedWith(new FoldSettings(earlier.iteration(), 1000, 50, 1, 42L, Precision.FP32,
                        earlier.trainedWith().settings().recipe(), true, false, BUDGET, 250, 0, true), 2,
                        earlier.trainedWith().patchSize(), 8,
                        earlier.trainedWith().pools(), earlier.trainedWith().budgetFit()));
        store.put(store.buckets().runs(), sibling.layout().checkpoint(chosen.iteration()).manifest(),
                ContractJson.write(chosen), "application/json");

        FoldTrainingRequested request = new FoldTrainingRequested(new FoldId(runId, CONFIGURATION, 0, 0), DATASET,
                asked, run.plans(), run.foldConfig(CONFIGURATION, 0), null, Instant.now());
        send(request.key(), ContractJson.writeString(request));
        List<SegfoldEvent> events = awaitEvents(request.fold(), "the final checkpoint",
                list -> list.stream().anyMatch(e -> e instanceof FoldCheckpointed c && c.finalCheckpoint()));
        int fitted = events.stream().filter(FoldCheckpointed.class::isInstance).map(FoldCheckpointed.class::cast)
                .filter(FoldCheckpointed::finalCheckpoint).findFirst().orElseThrow().iteration();
        TrainedWith trained = ContractJson.read(store.get(store.buckets().runs(),
                request.fold().layout().checkpoint(fitted).manifest()), CheckpointManifest.class).trainedWith();
        assertEquals(8, trained.baseFeatures(), "the width fold 1 chose");
        assertEquals(2, trained.batchSize());
        assertTrue(trained.settings().fitNetworkToBudget());
        assertEquals(BUDGET, trained.settings().timeBudget());
    }

    @Test
    @Order(8)
    void metricsCountTheWorkAboveInPrometheusFormat() throws Exception {
        String text = new String(metrics.openStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(metricValue(text, "segfold_trainer_iterations_total{configuration=\"3d_fullres\"") >= 6 + 8 + 4,
                "iterations of the folds trained above:\n" + text);
        assertTrue(metricValue(text, "segfold_trainer_checkpoints_total{role=\"final\"") >= 3);
        assertTrue(metricValue(text, "segfold_trainer_checkpoints_total{role=\"best\"") >= 1);
        assertTrue(metricValue(text, "segfold_trainer_checkpoints_total{role=\"periodic\"") >= 1);
        assertTrue(metricValue(text, "segfold_trainer_validations_total") >= 2);
        assertTrue(metricValue(text, "segfold_trainer_seconds_per_iteration") > 0);
        assertTrue(metricValue(text, "segfold_trainer_iteration_seconds_count") >= 1);
        assertTrue(metricValue(text, "segfold_failures_total{phase=\"training\",service=\"trainer\"") >= 1,
                "the missing data set and the cancel are failures");
        assertTrue(metricValue(text, "segfold_trainer_folds_total{result=\"failed\"") >= 1);
        assertTrue(metricValue(text, "segfold_events_published_total{service=\"trainer\",type=\"fold_progress\"") > 0);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("kafka_consumer_fetch_manager_records_lag_max")),
                "consumer lag from the Kafka clients' own meters");
    }

    @io.quarkus.test.common.http.TestHTTPResource("/q/metrics")
    java.net.URL metrics;

    /** The value of the first sample whose line starts with {@code prefix} (name and first labels). */
    static double metricValue(String text, String prefix) {
        return text.lines().filter(l -> l.startsWith(prefix)).findFirst()
                .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .orElseThrow(() -> new AssertionError("no sample " + prefix + " in /q/metrics:\n" + text));
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    // ---- helpers

    private static FoldTrainingRequested request(String runId, int fold, int iterations, int save, int log) {
        RunLayout run = RunLayout.of(runId);
        return new FoldTrainingRequested(new FoldId(runId, CONFIGURATION, 0, fold), DATASET,
                FoldSettings.of(iterations, save, log, 1, 42L).withValidation(3, 2), run.plans(),
                run.foldConfig(CONFIGURATION, fold), null, Instant.now());
    }

    private void uploadRun(String runId) {
        RunLayout run = RunLayout.of(runId);
        store.put(store.buckets().runs(), run.plans(), plansJson.getBytes(StandardCharsets.UTF_8), "application/json");
        store.put(store.buckets().runs(), run.prefix() + RunWorkspaces.SPLITS_FILE,
                splitsJson.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    private static void send(String key, String value) {
        try {
            producer.send(new ProducerRecord<>(Topics.FOLD_REQUESTS, key, value)).get();
        } catch (Exception e) {
            throw new AssertionError("could not send to " + Topics.FOLD_REQUESTS + ": " + e.getMessage(), e);
        }
    }

    private static List<SegfoldEvent> events(FoldId fold) {
        return foldEvents(status.drain(), fold);
    }

    private static List<SegfoldEvent> awaitEvents(FoldId fold, String what,
            java.util.function.Predicate<List<SegfoldEvent>> condition) {
        return foldEvents(status.await(what + " of " + fold.key(), TIMEOUT,
                all -> condition.test(foldEvents(all, fold))), fold);
    }

    private static List<SegfoldEvent> foldEvents(List<ConsumerRecord<String, String>> records, FoldId fold) {
        List<SegfoldEvent> out = new ArrayList<>();
        for (ConsumerRecord<String, String> r : records) {
            if (fold.key().equals(r.key())) {
                StatusEnvelope envelope = ContractJson.read(r.value(), StatusEnvelope.class);
                assertEquals(StatusEnvelope.sourceOf(Service.TRAINER), envelope.source());
                out.add(envelope.event());
            }
        }
        return out;
    }

    private List<StorageRecord> storageRecords(String prefix) {
        return storageRecords(storage.drain(), store.buckets().runs() + "/" + prefix);
    }

    private static List<StorageRecord> storageRecords(List<ConsumerRecord<String, String>> records,
            String bucketPrefix) {
        List<StorageRecord> out = new ArrayList<>();
        for (ConsumerRecord<String, String> r : records) {
            if (r.key() != null && r.key().startsWith(bucketPrefix)) {
                out.add(StorageNotification.parse(r.value()).first());
            }
        }
        return out;
    }

    /** File name to the notification's sequencer, for creations or removals under {@code prefix}. */
    private static Map<String, BigInteger> sequencers(List<StorageRecord> notes, String prefix, boolean created) {
        Map<String, BigInteger> out = new TreeMap<>();
        for (StorageRecord n : notes) {
            if (n.objectKey().startsWith(prefix) && (created ? n.created() : n.removed())) {
                out.put(n.objectKey().substring(prefix.length()), new BigInteger(n.sequencer(), 16));
            }
        }
        return out;
    }

    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }
}
