package dev.segfold.config.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.contracts.events.ClassDice;
import dev.segfold.contracts.events.EnsemblePredicted;
import dev.segfold.contracts.events.FailurePhase;
import dev.segfold.contracts.events.FoldCheckpointed;
import dev.segfold.contracts.events.FoldEvaluated;
import dev.segfold.contracts.events.FoldFailed;
import dev.segfold.contracts.events.FoldId;
import dev.segfold.contracts.events.FoldPreprocessed;
import dev.segfold.contracts.events.PreprocessingSource;
import dev.segfold.contracts.events.FoldProgress;
import dev.segfold.contracts.events.FoldTrainingRequested;
import dev.segfold.contracts.events.NextStagePredicted;
import dev.segfold.contracts.events.RunAccepted;
import dev.segfold.contracts.events.RunFailed;
import dev.segfold.contracts.events.SegfoldEvent;
import dev.segfold.contracts.events.SubmissionReady;
import dev.segfold.contracts.spec.FoldSettings;
import dev.segfold.contracts.status.StatusEnvelope;
import dev.segfold.contracts.topics.Service;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunProjectionTest {
    private static final String RUN = "r-20261129-120000-abcdef";
    private static final String DIGEST = "a".repeat(64);
    private static final Instant T0 = Instant.parse("2026-11-29T12:00:00Z");

    private static FoldId fold(int k) {
        return new FoldId(RUN, "3d_fullres", 0, k);
    }

    private static StatusEnvelope env(SegfoldEvent e) {
        return StatusEnvelope.of(e, Service.TRAINER);
    }

    private static RunAccepted accepted() {
        return new RunAccepted(RUN, "Synthetic", List.of("3d_fullres"), List.of(0, 1), List.of(2), 100,
                RUN + "/run.json", RUN + "/plans.json", T0);
    }

    private static FoldProgress progress(int k, int iteration) {
        return new FoldProgress(fold(k), iteration, 100, 0.5, null, null, 0.009, 10, 60.0, T0.plusSeconds(10));
    }

    private static FoldEvaluated evaluated(int k, int iteration) {
        return new FoldEvaluated(fold(k), iteration, RUN + "/3d_fullres/fold" + k + "/iter_" + iteration + "/checkpoint.json",
                DIGEST, List.of(new ClassDice(1, "a", 0.8), new ClassDice(2, "b", 0.6)),
                RUN + "/3d_fullres/fold" + k + "/validation/summary.json",
                RUN + "/3d_fullres/fold" + k + "/validation/postprocessing.json", T0.plusSeconds(30));
    }

    @Test
    void acceptedRunListsTrainedAndImportedFoldsAndWhatItWaitsFor() {
        RunProjection p = new RunProjection(100);
        p.apply(env(accepted()));
        RunView v = p.run(RUN).orElseThrow();
        assertEquals(RunState.ACCEPTED, v.state());
        assertEquals(3, v.foldViews().size());
        assertEquals(FoldState.REQUESTED, v.foldViews().get(0).state());
        assertEquals(FoldState.AWAITING_UPLOAD, v.foldViews().get(2).state());
        assertTrue(v.foldViews().get(2).imported());
        assertEquals(List.of("stage 0 folds [0, 1]: a trainer",
                "stage 0 fold 2: checkpoint to be imported at segfold-runs/" + RUN + "/3d_fullres/fold2/"), v.waitingFor());
        assertEquals(1, v.stageViews().size());
        assertEquals(3, v.stageViews().get(0).foldViews().size());
    }

    @Test
    void aPreprocessedFoldIsTrainingAndShowsItsCacheEntry() {
        RunProjection p = new RunProjection(100);
        p.apply(env(accepted()));
        String key = "b".repeat(64) + "/" + "c".repeat(64) + "/3d_fullres/";
        p.apply(env(new FoldPreprocessed(fold(0), key, true, PreprocessingSource.DOWNLOADED, 6, 0, 4096, 0.4, null,
                T0.plusSeconds(5))));
        RunView v = p.run(RUN).orElseThrow();
        FoldView f = v.foldViews().get(0);
        assertEquals(FoldState.TRAINING, f.state());
        assertEquals(key, f.cacheKey());
        assertEquals(Boolean.TRUE, f.cacheHit());
        assertNull(v.foldViews().get(1).cacheHit(), "fold 1 has not reported");
        assertEquals(RunState.RUNNING, v.state());
        // a late report (a re-delivered request) does not move a trained fold back
        p.apply(env(new FoldCheckpointed(fold(0), 100, true, RUN + "/3d_fullres/fold0/iter_100/checkpoint.json",
                DIGEST, T0.plusSeconds(20))));
        p.apply(env(new FoldPreprocessed(fold(0), key, false, PreprocessingSource.COMPUTED, 6, 6, 4096, 2.0,
                "no complete entry", T0.plusSeconds(25))));
        FoldView after = p.run(RUN).orElseThrow().foldViews().get(0);
        assertEquals(FoldState.TRAINED, after.state());
        assertEquals(Boolean.FALSE, after.cacheHit());
    }

    @Test
    void theLastValidationDuringTrainingIsShownTogether() {
        RunProjection p = new RunProjection(100);
        p.apply(env(accepted()));
        p.apply(env(progress(0, 20)));
        FoldView f = p.run(RUN).orElseThrow().foldViews().get(0);
        assertEquals(null, f.validationLoss());
        assertEquals(null, f.validatedAt());
        p.apply(env(new FoldProgress(fold(0), 25, 100, 0.5, 0.7, 0.4, 0.009, 10, 60.0, T0.plusSeconds(12), 0.1, 20.0,
                0.35, java.util.Arrays.asList(0.5, 0.3), 25)));
        p.apply(env(new FoldProgress(fold(0), 30, 100, 0.45, 0.7, 0.4, 0.009, 11, 50.0, T0.plusSeconds(13), 0.1, 20.0,
                0.35, java.util.Arrays.asList(0.5, 0.3), 25)));
        f = p.run(RUN).orElseThrow().foldViews().get(0);
        assertEquals(0.7, f.validationLoss());
        assertEquals(0.4, f.pseudoDice());
        assertEquals(0.35, f.pseudoDiceEma());
        assertEquals(List.of(0.5, 0.3), f.pseudoDicePerClass());
        assertEquals(25, f.validatedAt());
        // an epoch without a defined Dice replaces the old one: the values are of one validation
        p.apply(env(new FoldProgress(fold(0), 50, 100, 0.4, 0.6, null, 0.009, 12, 40.0, T0.plusSeconds(14), 0.1, 20.0,
                0.35, java.util.Arrays.asList(null, null), 50)));
        f = p.run(RUN).orElseThrow().foldViews().get(0);
        assertEquals(null, f.pseudoDice());
        assertEquals(0.6, f.validationLoss());
        assertEquals(50, f.validatedAt());
    }

    @Test
    void progressCheckpointAndFinalEvaluationMoveAFoldForward() {
        RunProjection p = new RunProjection(100);
        p.apply(env(accepted()));
        p.apply(env(progress(0, 40)));
        FoldView f = p.run(RUN).orElseThrow().foldViews().get(0);
        assertEquals(FoldState.TRAINING, f.state());
        assertEquals(40, f.iteration());
        assertEquals(0.5, f.trainLoss());
        assertEquals(T0.plusSeconds(70), f.eta());
        assertEquals(RunState.RUNNING, p.run(RUN).orElseThrow().state());

        p.apply(env(new FoldCheckpointed(fold(0), 50, false, RUN + "/3d_fullres/fold0/iter_50/checkpoint.json", DIGEST,
                T0.plusSeconds(20))));
        assertEquals(FoldState.CHECKPOINTED, p.run(RUN).orElseThrow().foldViews().get(0).state());
        // An evaluation of an intermediate checkpoint records Dice but the fold keeps training.
        p.apply(env(evaluated(0, 50)));
        f = p.run(RUN).orElseThrow().foldViews().get(0);
        assertEquals(FoldState.CHECKPOINTED, f.state());
        assertEquals(0.7, f.meanDice(), 1e-9);
        p.apply(env(progress(0, 60)));
        assertEquals(FoldState.TRAINING, p.run(RUN).orElseThrow().foldViews().get(0).state());

        p.apply(env(new FoldCheckpointed(fold(0), 100, true, RUN + "/3d_fullres/fold0/iter_100/checkpoint.json", DIGEST,
                T0.plusSeconds(40))));
        assertEquals(FoldState.TRAINED, p.run(RUN).orElseThrow().foldViews().get(0).state());
        p.apply(env(evaluated(0, 100)));
        f = p.run(RUN).orElseThrow().foldViews().get(0);
        assertEquals(FoldState.EVALUATED, f.state());
        assertEquals(RUN + "/3d_fullres/fold0/iter_100/checkpoint.json", f.checkpointKey());
        assertEquals(RUN + "/3d_fullres/fold0/validation/summary.json", f.summaryKey());
    }

    @Test
    void runCompletesAfterEnsembleAndSubmission() {
        RunProjection p = new RunProjection(100);
        p.apply(env(accepted()));
        for (int k = 0; k < 3; k++) {
            p.apply(env(evaluated(k, 100)));
        }
        RunView v = p.run(RUN).orElseThrow();
        assertEquals(List.of("ensemble prediction of the test set"), v.waitingFor());
        p.apply(env(new EnsemblePredicted(RUN, "3d_fullres", List.of(0, 1, 2), RUN + "/ensemble/", List.of("c1"),
                T0.plusSeconds(50))));
        assertEquals(RunState.ENSEMBLED, p.run(RUN).orElseThrow().state());
        p.apply(env(new SubmissionReady(RUN, RUN + "/package/submission.zip", 10, DIGEST, List.of(), T0.plusSeconds(60))));
        v = p.run(RUN).orElseThrow();
        assertEquals(RunState.COMPLETED, v.state());
        assertEquals(RUN + "/package/submission.zip", v.submission().key());
        assertTrue(v.waitingFor().isEmpty());
    }

    @Test
    void duplicatesAreSkippedAndCancellationStopsEveryOpenFold() {
        RunProjection p = new RunProjection(100);
        StatusEnvelope first = env(accepted());
        assertTrue(p.apply(first));
        assertFalse(p.apply(first));
        assertEquals(1, p.run(RUN).orElseThrow().events());
        p.apply(env(evaluated(1, 100)));
        p.apply(env(new RunFailed(RUN, RunProjection.CANCELLED_PREFIX + "by test", T0.plusSeconds(5))));
        RunView v = p.run(RUN).orElseThrow();
        assertEquals(RunState.CANCELLED, v.state());
        assertEquals(FoldState.CANCELLED, v.foldViews().get(0).state());
        assertEquals(FoldState.EVALUATED, v.foldViews().get(1).state());
        assertTrue(v.waitingFor().isEmpty());
    }

    @Test
    void retryableFailureIsLeftWhenTrainingResumes() {
        RunProjection p = new RunProjection(100);
        p.apply(env(accepted()));
        p.apply(env(new FoldFailed(fold(0), FailurePhase.TRAINING, "out of memory", true, T0.plusSeconds(1))));
        assertEquals(FoldState.FAILED, p.run(RUN).orElseThrow().foldViews().get(0).state());
        p.apply(env(progress(0, 10)));
        FoldView f = p.run(RUN).orElseThrow().foldViews().get(0);
        assertEquals(FoldState.TRAINING, f.state());
        assertNull(f.failure());
        p.apply(env(new FoldFailed(fold(1), FailurePhase.TRAINING, "bad label file", false, T0.plusSeconds(1))));
        p.apply(env(progress(1, 10)));
        assertEquals(FoldState.FAILED, p.run(RUN).orElseThrow().foldViews().get(1).state());
    }

    private static FoldTrainingRequested request(int k, int attempt, Instant time) {
        return new FoldTrainingRequested(fold(k), "Synthetic", FoldSettings.of(100, 50, 5, 2, 1), RUN + "/plans.json",
                RUN + "/configs/3d_fullres/nnunet_fold" + k + ".yml", null, time, attempt);
    }

    @Test
    void aLaterAttemptRestartsAFoldAndARunThatFailedForGoodInAnyOrder() {
        FoldFailed forGood = new FoldFailed(fold(0), FailurePhase.TRAINING, "failed for good after 3 attempts: x",
                false, T0.plusSeconds(10), 3);
        RunFailed runFailed = new RunFailed(RUN, "stage 0 3d_fullres fold 0 failed for good", T0.plusSeconds(11));
        FoldTrainingRequested retry = request(0, 4, T0.plusSeconds(20));
        // in topic order, and with the run's failure (another partition) seen after the retry, as a replay may
        for (List<SegfoldEvent> order : List.of(List.<SegfoldEvent>of(forGood, runFailed, retry),
                List.<SegfoldEvent>of(forGood, retry, runFailed))) {
            RunProjection p = new RunProjection(100);
            p.apply(env(accepted()));
            order.forEach(e -> p.apply(env(e)));
            RunView v = p.run(RUN).orElseThrow();
            assertEquals(RunState.RUNNING, v.state(), order.toString());
            assertNull(v.failure());
            FoldView f = v.foldViews().get(0);
            assertEquals(FoldState.REQUESTED, f.state());
            assertEquals(4, f.attempt());
            assertNull(f.failure());
        }
        RunProjection p = new RunProjection(100);
        p.apply(env(accepted()));
        p.apply(env(forGood));
        p.apply(env(runFailed));
        RunView failed = p.run(RUN).orElseThrow();
        assertEquals(RunState.FAILED, failed.state());
        assertEquals(FailurePhase.TRAINING, failed.foldViews().get(0).failedPhase());
        assertEquals(Boolean.FALSE, failed.foldViews().get(0).retryableFailure());
        assertEquals(3, failed.foldViews().get(0).attempt());
        // a repeated first request (at-least-once) revives nothing
        p.apply(env(request(0, 1, T0.plusSeconds(30))));
        assertEquals(FoldState.FAILED, p.run(RUN).orElseThrow().foldViews().get(0).state());
        assertEquals(RunState.FAILED, p.run(RUN).orElseThrow().state());
    }

    @Test
    void aLateFailureOfAnEarlierAttemptIsIgnored() {
        RunProjection p = new RunProjection(100);
        p.apply(env(accepted()));
        p.apply(env(request(0, 2, T0.plusSeconds(5))));
        p.apply(env(progress(0, 20)));
        p.apply(env(new FoldFailed(fold(0), FailurePhase.TRAINING, "attempt 1's trainer", true, T0.plusSeconds(6), 1)));
        FoldView f = p.run(RUN).orElseThrow().foldViews().get(0);
        assertEquals(FoldState.TRAINING, f.state());
        assertEquals(2, f.attempt());
    }

    @Test
    void subscribersGetTheHistoryThenNewEventsAndEventsOfOtherRunsNot() throws Exception {
        RunProjection p = new RunProjection(100);
        p.apply(env(accepted()));
        List<String> seen = new ArrayList<>();
        AutoCloseable sub = p.subscribe(RUN, e -> seen.add(e.type()));
        assertEquals(List.of(RunAccepted.TYPE), seen);
        p.apply(env(progress(0, 1)));
        p.apply(env(new RunFailed("r-other", "x", T0)));
        assertEquals(List.of(RunAccepted.TYPE, FoldProgress.TYPE), seen);
        sub.close();
        p.apply(env(progress(0, 2)));
        assertEquals(2, seen.size());
    }

    private static FoldId lowres(int k) {
        return new FoldId(RUN, "3d_lowres", 0, k);
    }

    private static FoldId cascade(int k) {
        return new FoldId(RUN, "3d_cascade_fullres", 1, k);
    }

    private static FoldEvaluated evaluated(FoldId id, int iteration) {
        var layout = id.layout();
        return new FoldEvaluated(id, iteration, layout.checkpoint(iteration).manifest(), DIGEST,
                List.of(new ClassDice(1, "a", 0.8)), layout.validationSummary(), layout.postprocessing(),
                T0.plusSeconds(30));
    }

    private static RunAccepted cascadeAccepted() {
        return new RunAccepted(RUN, "Synthetic", List.of("3d_lowres", "3d_cascade_fullres"), List.of(0, 1, 3, 4),
                List.of(2), 100, RUN + "/run.json", RUN + "/plans.json", T0, List.of(
                new RunAccepted.StagePlan(0, "3d_lowres", List.of(0, 1, 3, 4), List.of(2), 100),
                new RunAccepted.StagePlan(1, "3d_cascade_fullres", List.of(0, 1, 2, 3, 4), List.of(), 50)));
    }

    @Test
    void cascadeShowsBothStagesAndWhatTheRunWaitsFor() {
        RunProjection p = new RunProjection(100, "bucket-x");
        p.apply(env(cascadeAccepted()));
        RunView v = p.run(RUN).orElseThrow();
        assertEquals(2, v.stageViews().size());
        RunView.StageView stage1 = v.stageViews().get(1);
        assertEquals("3d_cascade_fullres", stage1.configuration());
        assertEquals(List.of(0, 1, 2, 3, 4), stage1.folds());
        assertEquals(50, stage1.iterations());
        assertTrue(stage1.foldViews().stream().allMatch(f -> f.state() == FoldState.WAITING), stage1.toString());
        assertEquals(List.of("stage 0 folds [0, 1, 3, 4]: a trainer",
                "stage 0 fold 2: checkpoint to be imported at bucket-x/" + RUN + "/3d_lowres/fold2/",
                "stage 1 folds [0..4]: training, requested once every stage-0 fold's next-stage predictions are stored"),
                v.waitingFor());

        for (int k = 0; k < 5; k++) {
            p.apply(env(evaluated(lowres(k), 100)));
        }
        for (int k : new int[] {0, 2, 4}) {
            p.apply(env(new NextStagePredicted(lowres(k), RUN + "/3d_lowres/next_stage/", List.of("c" + k),
                    T0.plusSeconds(40))));
        }
        v = p.run(RUN).orElseThrow();
        assertEquals(FoldState.NEXT_STAGE_PREDICTED, v.stageViews().get(0).foldViews().get(2).state());
        assertEquals(FoldState.EVALUATED, v.stageViews().get(0).foldViews().get(1).state());
        assertEquals(RUN + "/3d_lowres/next_stage/", v.stageViews().get(0).foldViews().get(0).nextStagePrefix());
        assertEquals("stage 0 folds [1, 3]: next-stage predictions", v.waitingFor().get(0));
        assertEquals(2, v.waitingFor().size());

        for (int k : new int[] {1, 3}) {
            p.apply(env(new NextStagePredicted(lowres(k), RUN + "/3d_lowres/next_stage/", List.of("c" + k),
                    T0.plusSeconds(41))));
        }
        // a replayed evaluation does not take a fold back from NEXT_STAGE_PREDICTED
        p.apply(env(evaluated(lowres(1), 100)));
        for (int k = 0; k < 5; k++) {
            p.apply(env(new FoldTrainingRequested(cascade(k), "Synthetic", FoldSettings.of(50, 25, 5, 2, 1), RUN + "/plans.json",
                    RUN + "/configs/3d_cascade_fullres/nnunet_fold" + k + ".yml", RUN + "/3d_lowres/next_stage/",
                    T0.plusSeconds(42))));
        }
        p.apply(env(new FoldProgress(cascade(3), 10, 50, 0.4, null, null, 0.01, 5, 20.0, T0.plusSeconds(50))));
        v = p.run(RUN).orElseThrow();
        assertTrue(v.stageViews().get(0).foldViews().stream()
                .allMatch(f -> f.state() == FoldState.NEXT_STAGE_PREDICTED), v.stageViews().get(0).toString());
        assertEquals(List.of("stage 1 folds [0..2, 4]: a trainer", "stage 1 fold 3: training"), v.waitingFor());
        assertEquals(10, v.stageViews().get(1).foldViews().get(3).iteration());

        for (int k = 0; k < 5; k++) {
            p.apply(env(evaluated(cascade(k), 50)));
        }
        assertEquals(List.of("ensemble prediction of the test set"), p.run(RUN).orElseThrow().waitingFor());
    }

    @Test
    void cascadeAcceptedWithoutStagePlansWaitsForStageOneRequests() {
        RunProjection p = new RunProjection(100);
        p.apply(env(new RunAccepted(RUN, "Synthetic", List.of("3d_lowres", "3d_cascade_fullres"), List.of(0),
                List.of(), 100, RUN + "/run.json", RUN + "/plans.json", T0)));
        p.apply(env(evaluated(lowres(0), 100)));
        assertEquals(List.of("stage 0 fold 0: next-stage predictions"), p.run(RUN).orElseThrow().waitingFor());
        p.apply(env(new NextStagePredicted(lowres(0), RUN + "/3d_lowres/next_stage/", List.of("c0"), T0)));
        assertEquals(List.of("stage 1 (3d_cascade_fullres) fold requests after the next-stage predictions"),
                p.run(RUN).orElseThrow().waitingFor());
        assertEquals(2, p.run(RUN).orElseThrow().stageViews().size());
    }

    @Test
    void foldRangesAreNamedCompactly() {
        assertEquals("fold 2", FoldRanges.describe(List.of(2)));
        assertEquals("folds [1, 3]", FoldRanges.describe(List.of(3, 1)));
        assertEquals("folds [0..4]", FoldRanges.describe(List.of(0, 1, 2, 3, 4)));
        assertEquals("folds [0, 1, 3..5, 9]", FoldRanges.describe(List.of(9, 0, 1, 3, 4, 5)));
    }

    @Test
    void aProjectionRebuiltFromTheSameEventsShowsTheSameRun() {
        List<StatusEnvelope> log = List.of(env(accepted()), env(progress(0, 30)), env(evaluated(2, 100)),
                env(new FoldFailed(fold(1), FailurePhase.EVALUATION, "x", false, T0.plusSeconds(3))));
        RunProjection a = new RunProjection(100);
        RunProjection b = new RunProjection(0);
        log.forEach(a::apply);
        log.forEach(b::apply);
        assertEquals(a.run(RUN), b.run(RUN));
    }
}
