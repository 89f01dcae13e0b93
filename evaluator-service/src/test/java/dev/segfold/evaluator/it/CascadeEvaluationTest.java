package dev.segfold.evaluator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.contracts.events.ClassDice;
import dev.segfold.contracts.events.FailurePhase;
import dev.segfold.contracts.events.FoldEvaluated;
import dev.segfold.contracts.events.FoldEvent;
import dev.segfold.contracts.events.FoldFailed;
import dev.segfold.contracts.events.SegfoldEvent;
import dev.segfold.contracts.json.ContractJson;
import dev.segfold.contracts.status.StatusEnvelope;
import dev.segfold.contracts.storage.CheckpointLayout;
import dev.segfold.contracts.storage.FoldLayout;
import dev.segfold.contracts.topics.Topics;
import dev.segfold.devstack.DevStack;
import dev.segfold.service.testing.DevStackResource;
import dev.segfold.service.testing.InjectDevStack;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A cascade's second-stage checkpoint ({@code 3d_cascade_fullres}, stage 1) uploaded to a real S3
 * server is validated on the first stage's maps of its validation cases, read from
 * {@code <run>/3d_lowres/next_stage/}; a missing map is named in a retryable FoldFailed.
 */
@QuarkusTest
@WithTestResource(DevStackResource.class)
class CascadeEvaluationTest {
    static final Duration EVALUATION = Duration.ofSeconds(150);
    static CascadeFixture fixture;

    @InjectDevStack
    DevStack stack;
    TopicProbe kafka;

    @BeforeEach
    void setUp() throws Exception {
        synchronized (CascadeEvaluationTest.class) {
            if (fixture == null) {
                fixture = new CascadeFixture(stack);
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
    void aStageOneCheckpointIsValidatedOnThePreviousStageMapsOfItsValidationCases() throws Exception {
        int fold = 0;
        List<String> validation = fixture.split.fold(fold).val();
        fixture.uploadMaps(validation);
        CheckpointLayout checkpoint = fixture.uploadCheckpoint(fold);
        FoldLayout layout = checkpoint.fold();

        SegfoldEvent event = statusEvent(kafka.awaitRecord(Topics.STATUS, r -> statusEvent(r)
                .filter(e -> (e instanceof FoldEvaluated || e instanceof FoldFailed) && e instanceof FoldEvent f
                        && f.fold().fold() == fold).isPresent(),
                EVALUATION, "FoldEvaluated or FoldFailed of stage-1 fold " + fold)).orElseThrow();
        assertTrue(event instanceof FoldEvaluated, "evaluated, not failed: " + event);
        FoldEvaluated evaluated = (FoldEvaluated) event;
        assertEquals(1, evaluated.fold().stage());
        assertEquals(CascadeFixture.CASCADE.id(), evaluated.fold().configuration());
        assertEquals(checkpoint.manifest(), evaluated.manifestKey());
        assertEquals(List.of(1, 2), evaluated.dice().stream().map(ClassDice::label).toList());
        for (ClassDice d : evaluated.dice()) {
            assertTrue(d.dice() >= 0 && d.dice() <= 1, "Dice in [0, 1]: " + d);
        }
        assertTrue(fixture.exists("segfold-runs", layout.validationSummary()));
        for (String caseId : validation) {
            assertTrue(fixture.exists("segfold-runs", layout.validationPrediction(caseId)), "prediction of " + caseId);
        }
        kafka.awaitRecord(Topics.EVALUATIONS, r -> ContractJson.readEvent(r.value().getBytes(StandardCharsets.UTF_8))
                instanceof FoldEvaluated f && f.fold().runId().equals(fixture.runId) && f.fold().fold() == fold,
                Duration.ofSeconds(30), "FoldEvaluated of fold " + fold + " on " + Topics.EVALUATIONS);
    }

    @Test
    void aMissingPreviousStageMapIsARetryableFoldFailedNamingItsKey() throws Exception {
        int fold = 1;
        List<String> validation = fixture.split.fold(fold).val();
        fixture.uploadMaps(validation.subList(1, validation.size()));
        CheckpointLayout checkpoint = fixture.uploadCheckpoint(fold);

        FoldFailed failed = (FoldFailed) statusEvent(kafka.awaitRecord(Topics.STATUS,
                r -> statusEvent(r).filter(e -> e instanceof FoldFailed f && f.fold().fold() == fold).isPresent(),
                EVALUATION, "FoldFailed of stage-1 fold " + fold)).orElseThrow();
        assertTrue(failed.reason().contains("segfold-runs/" + fixture.mapKey(validation.get(0))), failed.reason());
        assertEquals(FailurePhase.EVALUATION, failed.phase());
        assertEquals(1, failed.fold().stage());
        assertTrue(failed.retryable(), "the predictor may still write the map");
        assertFalse(fixture.exists("segfold-runs", checkpoint.fold().validationSummary()), "nothing was validated");
    }

    private static Optional<SegfoldEvent> statusEvent(ConsumerRecord<String, String> r) {
        SegfoldEvent e = ContractJson.read(r.value(), StatusEnvelope.class).event();
        return e.runId().equals(fixture.runId) ? Optional.of(e) : Optional.empty();
    }
}
