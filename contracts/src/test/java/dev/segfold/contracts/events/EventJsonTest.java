package dev.segfold.contracts.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.segfold.contracts.json.ContractJson;
import dev.segfold.contracts.spec.FoldSettings;
import dev.segfold.contracts.spec.Precision;
import dev.segfold.contracts.spec.TrainingRecipe;
import dev.segfold.contracts.storage.RunLayout;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventJsonTest {

    private static final Instant T = Instant.parse("2026-11-29T12:00:00.250Z");
    private static final FoldId FOLD = new FoldId("r1", "3d_lowres", 0, 3);
    private static final String SHA = "ab".repeat(32);

    static List<SegfoldEvent> examples() {
        RunLayout run = RunLayout.of("r1");
        return List.of(
                new RunRequested("r1", "Task04_Hippocampus", "3d_cascade_fullres", List.of(0, 1, 3, 4), List.of(2), 30000, T),
                new RunAccepted("r1", "Task04_Hippocampus", List.of("3d_lowres", "3d_cascade_fullres"), List.of(0, 1, 3, 4),
                        List.of(2), 30000, run.runJson(), run.plans(), T),
                new RunFailed("r1", "data set Task04_Hippocampus has no labelsTr", T),
                new FoldTrainingRequested(FOLD, "Task04_Hippocampus",
                        new FoldSettings(30000, 2000, 20, 5, 42L, Precision.BF16,
                                new TrainingRecipe(0.005, 0.9, 0.95, 3e-5, 12, true), true, false), run.plans(),
                        run.foldConfig("3d_lowres", 3), null, T),
                new FoldProgress(FOLD, 2000, 30000, 0.6785, null, 0.71, 0.0094, 1800.5, 25200.0, T, 0.84, 10.7),
                new FoldCheckpointed(FOLD, 2000, false, run.checkpoint("3d_lowres", 3, 2000).manifest(), SHA, T),
                new FoldEvaluated(FOLD, 30000, run.checkpoint("3d_lowres", 3, 30000).manifest(), SHA,
                        List.of(new ClassDice(1, "Anterior", 0.88), new ClassDice(2, "Posterior", 0.86)),
                        FOLD.layout().validationSummary(), FOLD.layout().postprocessing(), T),
                new NextStagePredicted(FOLD, run.nextStagePrefix("3d_lowres"), List.of("hippocampus_001"), T),
                new FoldFailed(FOLD, FailurePhase.TRAINING, "out of memory", true, T),
                new FoldFailed(FOLD, FailurePhase.TRAINING, "ObjectStoreException: connection refused", true, T, 3),
                new EnsemblePredicted("r1", "3d_cascade_fullres", List.of(0, 1, 2, 3, 4), run.ensemblePrefix(),
                        List.of("hippocampus_002"), T),
                new SubmissionReady("r1", run.submission(), 1024, SHA, List.of(run.foldBundle(0)), T),
                new FoldProgress(FOLD, 20, 30000, 0.9, null, null, 0.01, 18.5, null, T),
                new FoldPreprocessed(FOLD, "ab".repeat(32) + "/" + "cd".repeat(32) + "/3d_lowres/", true,
                        PreprocessingSource.DOWNLOADED, 200, 0, 52_428_800L, 3.25, null, T),
                new FoldPreprocessed(FOLD, "ab".repeat(32) + "/" + "cd".repeat(32) + "/3d_lowres/", false,
                        PreprocessingSource.COMPUTED, 200, 200, 52_428_800L, 41.5, "no complete entry", T),
                new RunAccepted("r1", "Task04_Hippocampus", List.of("3d_lowres", "3d_cascade_fullres"), List.of(0, 1, 3, 4),
                        List.of(2), 30000, run.runJson(), run.plans(), T, List.of(
                        new RunAccepted.StagePlan(0, "3d_lowres", List.of(0, 1, 3, 4), List.of(2), 30000),
                        new RunAccepted.StagePlan(1, "3d_cascade_fullres", List.of(0, 1, 2, 3, 4), List.of(), 20000)),
                        "alice"));
    }

    @Test
    void examplesCoverEveryEventType() {
        Set<EventType> covered = examples().stream().map(SegfoldEvent::type).collect(Collectors.toSet());
        assertEquals(EnumSet.allOf(EventType.class), covered);
    }

    @ParameterizedTest
    @MethodSource("examples")
    void roundTripsThroughJsonAsItsOwnTypeAndAsSegfoldEvent(SegfoldEvent event) throws Exception {
        byte[] json = ContractJson.write(event);
        assertEquals(event, ContractJson.read(json, event.getClass()));
        assertEquals(event, ContractJson.readEvent(json));
        JsonNode tree = ContractJson.mapper().readTree(new String(json, java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(event.type().ceType(), tree.get(SegfoldEvent.TYPE_PROPERTY).asText());
        assertEquals("2026-11-29T12:00:00.250Z", tree.get("time").asText());
    }

    @ParameterizedTest
    @MethodSource("examples")
    void toleratesUnknownFields(SegfoldEvent event) throws Exception {
        ObjectNode tree = (ObjectNode) ContractJson.mapper().readTree(ContractJson.write(event));
        tree.put("addedByANewerProducer", "x");
        tree.putObject("nested").put("a", 1);
        byte[] json = ContractJson.mapper().writeValueAsBytes(tree);
        assertEquals(event, ContractJson.readEvent(json));
    }

    @Test
    void attemptsAreCarriedAndAbsentMeansTheFirst() throws Exception {
        FoldTrainingRequested first = (FoldTrainingRequested) examples().get(3);
        FoldTrainingRequested third = first.retry(3, T);
        assertEquals(3, ((FoldTrainingRequested) ContractJson.readEvent(ContractJson.write(third))).attempt());
        for (SegfoldEvent event : List.of(first, new FoldFailed(FOLD, FailurePhase.TRAINING, "x", true, T, 2))) {
            ObjectNode tree = (ObjectNode) ContractJson.mapper().readTree(ContractJson.write(event));
            assertTrue(tree.has("attempt"), "attempt is written: " + tree);
            tree.remove("attempt"); // as written before attempts were counted
            SegfoldEvent old = ContractJson.readEvent(ContractJson.mapper().writeValueAsBytes(tree));
            int attempt = old instanceof FoldFailed f ? f.attempt() : ((FoldTrainingRequested) old).attempt();
            assertEquals(1, attempt, event.type().name());
        }
        var negative = assertThrows(IllegalArgumentException.class, () -> first.retry(-2, T));
        assertTrue(negative.getMessage().contains("attempt"), negative.getMessage());
    }

    @Test
    void keysAreRunOrRunStageFold() {
        for (SegfoldEvent event : examples()) {
            String expected = event instanceof FoldEvent ? "r1/0/3" : "r1";
            assertEquals(expected, event.key(), event.type().name());
        }
    }

    @Test
    void invalidEventsAreRejectedWithFieldNames() {
        String json = new String(ContractJson.write(examples().get(3)), java.nio.charset.StandardCharsets.UTF_8);
        var e = assertThrows(IllegalArgumentException.class, () -> ContractJson.readEvent(
                json.replace("\"saveInterval\":2000", "\"saveInterval\":0").getBytes()));
        assertTrue(e.getMessage().contains("FoldSettings.saveInterval"), e.getMessage());
        var k = assertThrows(IllegalArgumentException.class, () -> ContractJson.readEvent(
                json.replace("r1/plans.json", "../other/plans.json").getBytes()));
        assertTrue(k.getMessage().contains("plansKey"), k.getMessage());
        var r = assertThrows(IllegalArgumentException.class, () -> ContractJson.readEvent(
                json.replace("\"runId\":\"r1\"", "\"runId\":\"r1/../x\"").getBytes()));
        assertTrue(r.getMessage().contains("runId"), r.getMessage());
        var t = assertThrows(IllegalArgumentException.class, () -> ContractJson.readEvent(
                json.replace(FoldTrainingRequested.TYPE, "dev.segfold.unknown").getBytes()));
        assertTrue(t.getMessage().contains("dev.segfold.unknown"), t.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ContractJson.readEvent("{".getBytes()));
        assertThrows(IllegalArgumentException.class,
                () -> new FoldProgress(FOLD, 31000, 30000, 0.5, null, null, 0.01, 1, null, T));
        assertThrows(IllegalArgumentException.class, () -> new ClassDice(1, "Anterior", Double.NaN));
        var hit = assertThrows(IllegalArgumentException.class, () -> new FoldPreprocessed(FOLD, "a/b/3d_lowres/", true,
                PreprocessingSource.COMPUTED, 5, 5, 10, 1.0, null, T));
        assertTrue(hit.getMessage().contains("FoldPreprocessed.cacheHit"), hit.getMessage());
        var key = assertThrows(IllegalArgumentException.class, () -> new FoldPreprocessed(FOLD, "../x/", true,
                PreprocessingSource.LOCAL, 5, 0, 10, 1.0, null, T));
        assertTrue(key.getMessage().contains("FoldPreprocessed.cacheKey"), key.getMessage());
    }

    @Test
    void runAcceptedWithoutStagePlansReadsAsEmptyAndMismatchedPlansAreRejected() {
        RunAccepted plain = (RunAccepted) examples().get(1);
        ObjectNode tree = ContractJson.mapper().valueToTree(plain);
        tree.remove("stagePlans");
        RunAccepted read = (RunAccepted) ContractJson.readEvent(tree.toString().getBytes());
        assertEquals(List.of(), read.stagePlans());
        assertTrue(read.stagePlan(1).isEmpty());
        RunAccepted planned = (RunAccepted) examples().get(examples().size() - 1);
        assertEquals(List.of(0, 1, 2, 3, 4), planned.stagePlan(1).orElseThrow().folds());
        var e = assertThrows(IllegalArgumentException.class, () -> new RunAccepted("r1", "D", List.of("3d_lowres",
                "3d_cascade_fullres"), List.of(0), List.of(), 10, "r1/run.json", "r1/plans.json", T,
                List.of(new RunAccepted.StagePlan(0, "3d_fullres", List.of(0), List.of(), 10),
                        new RunAccepted.StagePlan(1, "3d_cascade_fullres", List.of(0), List.of(), 10))));
        assertTrue(e.getMessage().contains("RunAccepted.stagePlans[0]"), e.getMessage());
    }

    @Test
    void aSubmissionReadyOfOldWithAPresignedUrlIsReadWithoutIt() {
        // Packagers before the no-secrets rule put a 7-day presigned URL into the event; replaying
        // such a record must not hand the URL on (the projection re-serialises what it read).
        SubmissionReady current = (SubmissionReady) examples().stream().filter(e -> e instanceof SubmissionReady)
                .findFirst().orElseThrow();
        ObjectNode old = ContractJson.mapper().valueToTree(current);
        old.put("downloadUrl", "http://minio:9000/segfold-runs/r1/package/submission.zip?X-Amz-Credential=segfold"
                + "&X-Amz-Signature=ab12");
        old.put("urlExpiresAt", "2026-12-06T12:00:00Z");
        SegfoldEvent read = ContractJson.readEvent(old.toString().getBytes());
        assertEquals(current, read);
        String written = new String(ContractJson.write(read), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(!written.contains("X-Amz-") && !written.contains("downloadUrl"), written);
    }

    @Test
    void runAcceptedNamesItsSubmitterAndOlderEventsReadWithoutOne() {
        RunAccepted planned = (RunAccepted) examples().get(examples().size() - 1);
        assertEquals("alice", planned.submittedBy());
        ObjectNode tree = ContractJson.mapper().valueToTree(planned);
        tree.remove("submittedBy");
        assertEquals(null, ((RunAccepted) ContractJson.readEvent(tree.toString().getBytes())).submittedBy());
    }

    @Test
    void evaluatedCarriesMeanDice() {
        FoldEvaluated evaluated = (FoldEvaluated) examples().get(6);
        JsonNode tree = ContractJson.mapper().valueToTree(evaluated);
        assertEquals(0.87, tree.get("meanDice").asDouble(), 1e-12);
        assertInstanceOf(FoldEvaluated.class, ContractJson.readEvent(ContractJson.write(evaluated)));
    }
}
