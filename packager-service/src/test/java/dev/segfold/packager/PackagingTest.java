package dev.segfold.packager;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.segfold.contracts.events.EnsemblePredicted;
import dev.segfold.contracts.events.FoldId;
import dev.segfold.contracts.events.NextStagePredicted;
import dev.segfold.contracts.events.RunFailed;
import dev.segfold.contracts.events.SubmissionReady;
import dev.segfold.contracts.json.ContractJson;
import dev.segfold.contracts.status.StatusEnvelope;
import dev.segfold.contracts.storage.RunLayout;
import dev.segfold.contracts.topics.Service;
import dev.segfold.contracts.topics.Topics;
import dev.segfold.devstack.DevStack;
import dev.segfold.engine.nifti.NiftiHeader;
import dev.segfold.engine.nifti.NiftiReader;
import dev.segfold.packager.service.PackageManifest;
import dev.segfold.service.checkpoint.StoredCheckpoints;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import dev.segfold.service.testing.PrometheusText;

/**
 * The packager against a real broker and S3 server, on storage as the predictor leaves it: two
 * trained and validated folds, their ensemble's predictions of two test cases.
 */
@QuarkusTest
@WithTestResource(DevStackResource.class)
class PackagingTest {
    static final Duration TIMEOUT = Duration.ofSeconds(90);
    static final String GROUP = "packager-service.predictions";
    static Path work;
    static TrainedRunFixture fixture;

    @InjectDevStack
    DevStack stack;

    @Inject
    ObjectStore store;

    @BeforeAll
    static void trainFolds() throws Exception {
        work = Files.createTempDirectory("packager-test-");
        fixture = TrainedRunFixture.train(work, "Task91_Package", List.of(0, 1), 2, 4);
    }

    @AfterAll
    static void removeWork() {
        TemporaryFolders.delete(work);
    }

    @Test
    void packagesTheSubmissionAndOneBundlePerFoldOnce() throws Exception {
        String runId = "pkg-" + UUID.randomUUID().toString().substring(0, 8);
        RunLayout run = RunLayout.of(runId);
        prepare(runId);
        try (TopicWatcher status = TopicWatcher.fromNow(stack.bootstrapServers(), Topics.STATUS)) {
            RecordMetadata first = publish(ensemble(runId));
            String record = status.await(r -> runId.equals(r.key()) && r.value().contains(SubmissionReady.TYPE),
                    TIMEOUT).value();
            SubmissionReady ready = (SubmissionReady) ContractJson.read(record, StatusEnvelope.class).event();
            assertEquals(run.submission(), ready.submissionKey());
            assertEquals(List.of(run.foldBundle(0), run.foldBundle(1)), ready.foldBundleKeys());
            // no presigned URL or other credential on the bus (issue 10): the event names the key only
            for (String secret : List.of("X-Amz-Signature", "X-Amz-Credential", "downloadUrl", stack.secretKey())) {
                assertFalse(record.contains(secret), "SubmissionReady holds " + secret + ": " + record);
            }
            byte[] zip = store.get(store.buckets().runs(), ready.submissionKey());
            assertEquals(ready.sizeBytes(), zip.length);
            assertEquals(ready.sha256(), StoredCheckpoints.sha256(zip));
            Map<String, byte[]> submission = unzip(zip);
            assertEquals(fixture.testCaseIds().stream().map(id -> id + RunLayout.NIFTI).toList(),
                    List.copyOf(submission.keySet()), "exactly one NIfTI per test case, named as the case");
            for (int i = 0; i < fixture.testCaseIds().size(); i++) {
                byte[] nifti = submission.get(fixture.testCaseIds().get(i) + RunLayout.NIFTI);
                NiftiHeader out = NiftiReader.read(new ByteArrayInputStream(nifti), "submission entry").header();
                NiftiHeader in = NiftiReader.readHeader(fixture.dataset().testCases().get(i).images().get(0));
                assertArrayEquals(in.dim(), out.dim(), "the input's shape");
                assertTrue(Arrays.deepEquals(in.affine(), out.affine()), "the input's affine");
            }

            for (int fold : List.of(0, 1)) {
                Map<String, byte[]> bundle = unzip(store.get(store.buckets().runs(), run.foldBundle(fold)));
                String iter = fixture.folds().get(fold).getFileName().toString();
                for (String name : List.of(iter + "/model.params", iter + "/optimizer.params", iter + "/network.json",
                        iter + "/training.json", iter + "/checkpoint.json", "postprocessing.json", "summary.json",
                        "nnunet_fold" + fold + ".yml", "progress.csv", "progress.png")) {
                    assertTrue(bundle.containsKey(name), "fold" + fold + ".zip has " + name + ": " + bundle.keySet());
                }
                assertArrayEquals(Files.readAllBytes(fixture.folds().get(fold).resolve("model.params")),
                        bundle.get(iter + "/model.params"), "the final checkpoint's weights");
                assertNotNull(ImageIO.read(new ByteArrayInputStream(bundle.get("progress.png"))), "a PNG");
            }

            byte[] manifestBytes = store.get(store.buckets().runs(), run.packagePrefix() + "manifest.json");
            PackageManifest manifest = PackageManifest.fromJson(manifestBytes);
            assertEquals(fixture.datasetName(), manifest.dataset());
            assertEquals(StoredCheckpoints.sha256(store.get(store.buckets().runs(), run.plans())), manifest.plansSha256());
            assertEquals(StoredCheckpoints.sha256(store.get(store.buckets().runs(), run.runJson())), manifest.configSha256());
            assertTrue(manifest.datasetDigest().matches("[0-9a-f]{64}"), manifest.datasetDigest());
            for (PackageManifest.PackagedFile f : manifest.files()) {
                assertEquals(f.sha256(), StoredCheckpoints.sha256(store.get(store.buckets().runs(), f.key())), f.key());
            }

            // re-delivered: nothing is rebuilt, nothing announced again
            RecordMetadata again = publish(ensemble(runId));
            TestKafka.awaitConsumed(stack.bootstrapServers(), GROUP, again, TIMEOUT);
            TestKafka.awaitConsumed(stack.bootstrapServers(), GROUP, first, TIMEOUT);
            assertArrayEquals(manifestBytes, store.get(store.buckets().runs(), run.packagePrefix() + "manifest.json"));
            assertEquals(1, status.poll(Duration.ofMillis(500)).stream()
                    .filter(r -> runId.equals(r.key()) && r.value().contains(SubmissionReady.TYPE)).count());
        }
        String metrics = PrometheusText.scrape(metricsUrl);
        assertTrue(PrometheusText.value(metrics, "segfold_packager_packages_total{outcome=\"packaged\"") >= 1);
        assertTrue(PrometheusText.value(metrics, "segfold_packager_packages_total{outcome=\"already_done\"") >= 1);
        assertTrue(PrometheusText.value(metrics, "segfold_packager_package_seconds_count") >= 2);
        assertTrue(PrometheusText.value(metrics,
                "segfold_events_published_total{service=\"packager\",type=\"submission_ready\"") >= 1);
    }

    @io.quarkus.test.common.http.TestHTTPResource("/q/metrics")
    java.net.URL metricsUrl;

    @Test
    void aCascadeRunAlsoGetsOneBundlePerFirstStageFold() throws Exception {
        String runId = "cascade-" + UUID.randomUUID().toString().substring(0, 8);
        RunLayout run = RunLayout.of(runId);
        prepare(runId);
        // the fixture's trained folds, stored as both stages of a cascade run (its manifests are the
        // engine's, without run or fold, so they are copied as they are)
        String bucket = store.buckets().runs();
        String trained = fixture.configuration().id();
        for (int stage = 0; stage < 2; stage++) {
            String configuration = stage == 0 ? "3d_lowres" : "3d_cascade_fullres";
            for (int fold : List.of(0, 1)) {
                String from = run.fold(trained, fold).prefix();
                String to = run.fold(configuration, fold).prefix();
                for (String key : store.list(bucket, from)) {
                    byte[] content = store.get(bucket, key);
                    store.put(bucket, to + key.substring(from.length()), content, "application/octet-stream");
                }
                store.put(bucket, run.foldConfig(configuration, fold), store.get(bucket, run.foldConfig(trained, fold)),
                        "application/yaml");
            }
        }
        ObjectNode runJson = (ObjectNode) ContractJson.mapper().readTree(store.get(bucket, run.runJson()));
        runJson.put("configuration", "3d_cascade_fullres");
        store.put(bucket, run.runJson(), ContractJson.mapper().writeValueAsBytes(runJson), "application/json");

        try (TopicWatcher status = TopicWatcher.fromNow(stack.bootstrapServers(), Topics.STATUS)) {
            publish(new EnsemblePredicted(runId, "3d_cascade_fullres", List.of(0, 1), run.ensemblePrefix(),
                    fixture.testCaseIds(), Instant.now()));
            SubmissionReady ready = (SubmissionReady) ContractJson.read(status.await(
                    r -> runId.equals(r.key()) && r.value().contains(SubmissionReady.TYPE), TIMEOUT).value(),
                    StatusEnvelope.class).event();
            assertEquals(List.of(run.foldBundle(0), run.foldBundle(1), run.foldBundle("3d_lowres", 0),
                    run.foldBundle("3d_lowres", 1)), ready.foldBundleKeys());
        }
        for (int fold : List.of(0, 1)) {
            String iter = fixture.folds().get(fold).getFileName().toString();
            for (String key : List.of(run.foldBundle(fold), run.foldBundle("3d_lowres", fold))) {
                Map<String, byte[]> bundle = unzip(store.get(bucket, key));
                for (String name : List.of(iter + "/model.params", iter + "/optimizer.params", iter + "/checkpoint.json",
                        "postprocessing.json", "summary.json", "nnunet_fold" + fold + ".yml", "progress.png")) {
                    assertTrue(bundle.containsKey(name), key + " has " + name + ": " + bundle.keySet());
                }
                assertArrayEquals(Files.readAllBytes(fixture.folds().get(fold).resolve("model.params")),
                        bundle.get(iter + "/model.params"), key + ": the final checkpoint's weights");
                assertTrue(new String(bundle.get("progress.png"), java.nio.charset.StandardCharsets.ISO_8859_1)
                        .startsWith("\u0089PNG"), key);
            }
        }
        PackageManifest manifest = PackageManifest.fromJson(store.get(bucket, run.packagePrefix() + "manifest.json"));
        assertEquals(List.of("3d_cascade_fullres", "3d_cascade_fullres", "3d_lowres", "3d_lowres"),
                manifest.inputs().checkpoints().stream().map(PackageManifest.FoldInput::configuration).toList());
        assertEquals(List.of(run.submission(), run.foldBundle(0), run.foldBundle(1), run.foldBundle("3d_lowres", 0),
                run.foldBundle("3d_lowres", 1)), manifest.files().stream().map(PackageManifest.PackagedFile::key).toList());
    }

    @Test
    void aMissingEnsembleFileFailsTheRun() throws Exception {
        String runId = "nofile-" + UUID.randomUUID().toString().substring(0, 8);
        prepare(runId);
        String missing = RunLayout.of(runId).ensemble(fixture.testCaseIds().get(1));
        store.remove(store.buckets().runs(), missing);
        try (TopicWatcher status = TopicWatcher.fromNow(stack.bootstrapServers(), Topics.STATUS)) {
            publish(ensemble(runId));
            ConsumerRecord<String, String> failed = status.await(
                    r -> runId.equals(r.key()) && r.value().contains(RunFailed.TYPE), TIMEOUT);
            String reason = ((RunFailed) ContractJson.read(failed.value(), StatusEnvelope.class).event()).reason();
            assertTrue(reason.contains(missing), reason);
        }
    }

    @Test
    void malformedRecordsGoToTheDeadLetterTopicAndNextStageIsPassedOver() {
        try (TopicWatcher dead = TopicWatcher.fromNow(stack.bootstrapServers(), Service.PACKAGER.deadLetterTopic())) {
            TestKafka.send(stack.bootstrapServers(), Topics.PREDICTIONS, "x", "[]");
            String wrongType = ContractJson.writeString(new RunFailed("r1", "not a prediction", Instant.now()));
            TestKafka.send(stack.bootstrapServers(), Topics.PREDICTIONS, "r1", wrongType);
            NextStagePredicted nextStage = new NextStagePredicted(new FoldId("r2", "3d_lowres", 0, 0),
                    RunLayout.of("r2").nextStagePrefix("3d_lowres"), List.of("case_1"), Instant.now());
            RecordMetadata passed = TestKafka.send(stack.bootstrapServers(), Topics.PREDICTIONS, nextStage.key(),
                    ContractJson.writeString(nextStage));
            dead.await(r -> "[]".equals(r.value()), TIMEOUT);
            dead.await(r -> wrongType.equals(r.value()), TIMEOUT);
            TestKafka.awaitConsumed(stack.bootstrapServers(), GROUP, passed, TIMEOUT);
            assertTrue(dead.poll(Duration.ofMillis(200)).stream().noneMatch(r -> r.value().contains("next-stage")),
                    "NextStagePredicted is not dead-lettered");
        }
    }

    private void prepare(String runId) throws Exception {
        fixture.uploadDataset(store::put, store.buckets().datasets());
        fixture.uploadRun(store::put, store.buckets().runs(), runId, List.of(0, 1), List.of(0, 1));
        fixture.uploadEnsemble(store::put, store.buckets().runs(), runId);
    }

    private RecordMetadata publish(EnsemblePredicted event) {
        return TestKafka.send(stack.bootstrapServers(), Topics.PREDICTIONS, event.key(), ContractJson.writeString(event));
    }

    private static EnsemblePredicted ensemble(String runId) {
        return new EnsemblePredicted(runId, fixture.configuration().id(), List.of(0, 1),
                RunLayout.of(runId).ensemblePrefix(), fixture.testCaseIds(), Instant.now());
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws Exception {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                out.put(e.getName(), in.readAllBytes());
            }
        }
        return out;
    }
}
