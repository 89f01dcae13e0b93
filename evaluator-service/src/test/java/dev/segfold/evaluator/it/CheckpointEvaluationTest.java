package dev.segfold.evaluator.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.contracts.checkpoint.CheckpointManifest;
import dev.segfold.contracts.events.ClassDice;
import dev.segfold.contracts.events.FoldEvaluated;
import dev.segfold.contracts.events.FoldFailed;
import dev.segfold.contracts.events.SegfoldEvent;
import dev.segfold.contracts.json.ContractJson;
import dev.segfold.contracts.status.StatusEnvelope;
import dev.segfold.contracts.storage.CheckpointLayout;
import dev.segfold.contracts.storage.FoldLayout;
import dev.segfold.contracts.storage.RunLayout;
import dev.segfold.contracts.topics.Service;
import dev.segfold.contracts.topics.Topics;
import dev.segfold.devstack.DevStack;
import dev.segfold.evaluator.service.EvaluationMarker;
import dev.segfold.service.testing.DevStackResource;
import dev.segfold.service.testing.InjectDevStack;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import dev.segfold.service.testing.PrometheusText;

/**
 * The evaluator wired to a real broker and S3 server: checkpoints uploaded with a plain S3 client
 * are evaluated once, replays do nothing, a corrupted file is named in FoldFailed, and a poison
 * record goes to the dead-letter topic without stopping consumption.
 */
@QuarkusTest
@WithTestResource(DevStackResource.class)
class CheckpointEvaluationTest {
    static final Duration EVALUATION = Duration.ofSeconds(150);
    static final String GROUP = "evaluator-service";
    static EvaluationFixture fixture;

    @InjectDevStack
    DevStack stack;
    TopicProbe kafka;

    @BeforeEach
    void setUp() throws Exception {
        synchronized (CheckpointEvaluationTest.class) {
            if (fixture == null) {
                fixture = new EvaluationFixture(stack);
            }
        }
        kafka = new TopicProbe(stack.bootstrapServers());
    }

    @AfterAll
    static void removeFixture() throws Exception {
        if (fixture != null) {
            fixture.close();
            fixture = null;
        }
    }

    @Test
    void finalCheckpointUploadedByAnyS3ClientIsEvaluatedOnceEvenWhenItsNotificationIsReplayed() throws Exception {
        int fold = 0;
        CheckpointLayout mid = fixture.uploadCheckpoint(fixture.midCheckpoint, fold, Map.of());
        CheckpointLayout last = fixture.uploadCheckpoint(fixture.finalCheckpoint, fold, Map.of());
        FoldLayout layout = last.fold();

        FoldEvaluated evaluated = evaluations(fold).stream().findFirst().orElseGet(() -> (FoldEvaluated)
                ContractJson.readEvent(kafka.awaitRecord(Topics.EVALUATIONS, r -> isEvaluationOf(r, fold), EVALUATION,
                        "FoldEvaluated of fold " + fold).value().getBytes(StandardCharsets.UTF_8)));
        assertEquals(EvaluationFixture.ITERATIONS, evaluated.iteration(), "the final checkpoint is evaluated");
        assertEquals(last.manifest(), evaluated.manifestKey());
        assertEquals(fixture.manifest(fixture.finalCheckpoint, fold).contentDigest(), evaluated.manifestDigest());
        assertEquals(List.of(1, 2), evaluated.dice().stream().map(ClassDice::label).toList());
        for (ClassDice d : evaluated.dice()) {
            assertTrue(d.dice() >= 0 && d.dice() <= 1, "Dice in [0, 1]: " + d);
        }
        assertEquals(layout.validationSummary(), evaluated.summaryKey());
        assertEquals(layout.postprocessing(), evaluated.postprocessingKey());
        assertTrue(fixture.exists("segfold-runs", layout.validationSummary()));
        assertTrue(fixture.exists("segfold-runs", layout.postprocessing()));
        for (String caseId : fixture.split.fold(fold).val()) {
            assertTrue(fixture.exists("segfold-runs", layout.validationPrediction(caseId)), "prediction of " + caseId);
        }
        String summary = new String(fixture.get("segfold-runs", layout.validationSummary()), StandardCharsets.UTF_8);
        assertTrue(summary.contains("\"mean\""), "summary.json in nnU-Net's form: " + summary);
        kafka.awaitRecord(Topics.STATUS, r -> statusEvent(r).filter(e -> e instanceof FoldEvaluated f
                && f.fold().fold() == fold).isPresent(), Duration.ofSeconds(30), "FoldEvaluated status of fold " + fold);

        String markerKey = EvaluationMarker.key(layout);
        await("marker " + markerKey).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> fixture.exists("segfold-runs", markerKey));
        byte[] marker = fixture.get("segfold-runs", markerKey);
        EvaluationMarker read = EvaluationMarker.parse(marker).orElseThrow();
        assertEquals(evaluated.manifestDigest(), read.manifestDigest());
        assertEquals(EvaluationFixture.ITERATIONS, read.iteration());

        // Replay the bucket notification of the final manifest three times.
        ConsumerRecord<String, String> notification = kafka.readAll(Topics.STORAGE_EVENTS).stream()
                .filter(r -> ("segfold-runs/" + last.manifest()).equals(r.key())).findFirst().orElseThrow();
        for (int i = 0; i < 3; i++) {
            kafka.produce(Topics.STORAGE_EVENTS, notification.key(), notification.value());
        }
        kafka.awaitConsumed(GROUP, Topics.STORAGE_EVENTS, EVALUATION);

        assertArrayEquals(marker, fixture.get("segfold-runs", markerKey), "a replay leaves the marker untouched");
        List<FoldEvaluated> all = evaluations(fold);
        assertEquals(1, all.size(), "exactly one evaluation of fold " + fold + ": " + all);
        assertFalse(all.stream().anyMatch(e -> e.manifestKey().equals(mid.manifest())),
                "the non-final checkpoint is not evaluated");

        String metrics = PrometheusText.scrape(metricsUrl);
        assertTrue(PrometheusText.value(metrics, "segfold_evaluator_evaluations_total{outcome=\"evaluated\"") >= 1);
        assertTrue(PrometheusText.value(metrics, "segfold_evaluator_evaluations_total{outcome=\"skipped\"") >= 3,
                "the replays and the non-final checkpoint are skipped");
        assertTrue(PrometheusText.value(metrics, "segfold_evaluator_evaluation_seconds_count") >= 1);
        assertTrue(PrometheusText.value(metrics, "segfold_evaluator_evaluation_seconds_sum") > 0, "latency measured");
        assertTrue(PrometheusText.value(metrics,
                "segfold_events_published_total{service=\"evaluator\",type=\"fold_evaluated\"") >= 1);
    }

    @io.quarkus.test.common.http.TestHTTPResource("/q/metrics")
    java.net.URL metricsUrl;

    @Test
    void corruptedCheckpointFileGivesFoldFailedNamingTheFile() throws Exception {
        int fold = 1;
        byte[] model = Files.readAllBytes(fixture.finalCheckpoint.resolve("model.params"));
        model[model.length / 2] ^= 0x5A;
        CheckpointLayout layout = fixture.uploadCheckpoint(fixture.finalCheckpoint, fold,
                Map.of("model.params", model));

        FoldFailed failed = (FoldFailed) statusEvent(kafka.awaitRecord(Topics.STATUS,
                r -> statusEvent(r).filter(e -> e instanceof FoldFailed f && f.fold().fold() == fold).isPresent(),
                EVALUATION, "FoldFailed of fold " + fold)).orElseThrow();
        assertTrue(failed.reason().contains("model.params") && failed.reason().contains("SHA-256"), failed.reason());
        assertFalse(failed.retryable(), "a corrupted file does not heal by retrying");

        ConsumerRecord<String, String> dead = kafka.awaitRecord(Service.EVALUATOR.deadLetterTopic(),
                r -> ("segfold-runs/" + layout.manifest()).equals(r.key()), Duration.ofSeconds(30),
                "the corrupted checkpoint's notification in the dead-letter topic");
        assertTrue(dead.value().contains("checkpoint.json"));
        kafka.awaitConsumed(GROUP, Topics.STORAGE_EVENTS, EVALUATION);
        assertFalse(fixture.exists("segfold-runs", layout.fold().validationSummary()), "nothing was validated");
        assertEquals(List.of(), evaluations(fold));
    }

    @Test
    void malformedRecordGoesToTheDeadLetterTopicAndLaterCheckpointsAreStillEvaluated() throws Exception {
        int fold = 2;
        String poison = "{\"EventName\":\"s3:ObjectCreated:Put\",\"Records\":\"not a list\"}";
        kafka.produce(Topics.STORAGE_EVENTS, "segfold-runs/poison", poison);
        kafka.awaitRecord(Service.EVALUATOR.deadLetterTopic(), r -> poison.equals(r.value()), EVALUATION,
                "the malformed record in " + Service.EVALUATOR.deadLetterTopic());

        CheckpointLayout layout = fixture.uploadCheckpoint(fixture.finalCheckpoint, fold, Map.of());
        ConsumerRecord<String, String> record = kafka.awaitRecord(Topics.EVALUATIONS, r -> isEvaluationOf(r, fold),
                EVALUATION, "FoldEvaluated of fold " + fold + " after a poison record");
        FoldEvaluated evaluated = (FoldEvaluated) ContractJson.readEvent(record.value().getBytes(StandardCharsets.UTF_8));
        assertEquals(layout.manifest(), evaluated.manifestKey());
        assertEquals(fold + "", record.key().substring(record.key().lastIndexOf('/') + 1), "keyed runId/stage/fold");
        assertTrue(evaluated.meanDice() >= 0 && evaluated.meanDice() <= 1);
    }

    @Test
    void aNotificationOfACheckpointDeletedSinceIsSkippedNotFailed() throws Exception {
        // an evaluator catching up after an outage reads notifications of checkpoints pruned meanwhile
        String gone = RunLayout.of(fixture.runId).checkpoint("3d_fullres", 0, 7).manifest();
        String notification = new dev.segfold.devstack.s3.MinioEventFormat(stack.accessKey(), stack.region(),
                () -> stack.s3Endpoint().toString()).format("s3:ObjectCreated:Put", "segfold-runs", gone, null,
                java.time.Instant.now());
        kafka.produce(Topics.STORAGE_EVENTS, "segfold-runs/" + gone, notification);
        kafka.awaitConsumed(GROUP, Topics.STORAGE_EVENTS, EVALUATION);
        assertEquals(List.of(), kafka.readAll(Topics.STATUS).stream()
                .map(r -> ContractJson.read(r.value(), StatusEnvelope.class).event())
                .filter(e -> e instanceof FoldFailed f && f.reason().contains(gone)).toList(),
                "no FoldFailed for a checkpoint that is gone");
        assertFalse(kafka.readAll(Service.EVALUATOR.deadLetterTopic()).stream()
                .anyMatch(r -> ("segfold-runs/" + gone).equals(r.key())), "not a dead letter either");
    }

    @Test
    void manifestThatContradictsItsKeyOrBelongsToNoRunIsNamedInFoldFailed() throws Exception {
        CheckpointManifest real = fixture.manifest(fixture.finalCheckpoint, 4);
        CheckpointLayout elsewhere = RunLayout.of(fixture.runId).checkpoint(real.configuration(), 3, real.iteration());
        fixture.put("segfold-runs", elsewhere.manifest(), ContractJson.write(real));
        FoldFailed mismatch = (FoldFailed) statusEvent(kafka.awaitRecord(Topics.STATUS,
                r -> statusEvent(r).filter(e -> e instanceof FoldFailed f && f.fold().fold() == 3).isPresent(),
                EVALUATION, "FoldFailed of fold 3")).orElseThrow();
        assertTrue(mismatch.reason().contains("CheckpointManifest.fold 4"), mismatch.reason());

        String orphan = "orphan-" + fixture.runId;
        CheckpointManifest foreign = new CheckpointManifest(1, orphan, real.configuration(), 0, 0, real.iteration(),
                true, real.files(), real.configDigest(), real.createdAt());
        fixture.put("segfold-runs", foreign.layout().manifest(), ContractJson.write(foreign));
        ConsumerRecord<String, String> record = kafka.awaitRecord(Topics.STATUS,
                r -> ContractJson.read(r.value(), StatusEnvelope.class).event() instanceof FoldFailed f
                        && f.runId().equals(orphan), EVALUATION, "FoldFailed of the orphan checkpoint");
        FoldFailed noRun = (FoldFailed) ContractJson.read(record.value(), StatusEnvelope.class).event();
        assertTrue(noRun.reason().contains(orphan + "/run.json"), noRun.reason());
        assertTrue(noRun.retryable(), "the run may still be accepted later");
    }

    private List<FoldEvaluated> evaluations(int fold) {
        return kafka.readAll(Topics.EVALUATIONS).stream().filter(r -> isEvaluationOf(r, fold))
                .map(r -> (FoldEvaluated) ContractJson.readEvent(r.value().getBytes(StandardCharsets.UTF_8))).toList();
    }

    private static boolean isEvaluationOf(ConsumerRecord<String, String> r, int fold) {
        SegfoldEvent e = ContractJson.readEvent(r.value().getBytes(StandardCharsets.UTF_8));
        return e instanceof FoldEvaluated f && f.fold().runId().equals(fixture.runId) && f.fold().fold() == fold;
    }

    private static Optional<SegfoldEvent> statusEvent(ConsumerRecord<String, String> r) {
        SegfoldEvent e = ContractJson.read(r.value(), StatusEnvelope.class).event();
        return e.runId().equals(fixture.runId) ? Optional.of(e) : Optional.empty();
    }
}
