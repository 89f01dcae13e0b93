package dev.segfold.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.contracts.events.FailurePhase;
import dev.segfold.contracts.events.FoldFailed;
import dev.segfold.contracts.events.FoldId;
import dev.segfold.contracts.events.RunFailed;
import dev.segfold.contracts.events.FoldProgress;
import dev.segfold.contracts.events.NextStagePredicted;
import dev.segfold.contracts.events.RunAccepted;
import dev.segfold.contracts.events.SubmissionReady;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunProgressTest {
    @Test
    void foldsAppearWhenAcceptedAndFollowTheirProgressUntilTheSubmission() {
        RunProgress p = new RunProgress("r1");
        Instant t = Instant.parse("2026-11-29T00:00:00Z");
        p.apply(new RunAccepted("r1", "Shapes", List.of("3d_fullres"), List.of(0, 1), List.of(2), 100,
                "r1/run.json", "r1/plans.json", t));
        assertEquals(3, p.render().size());
        assertTrue(p.render().get(2).contains("IMPORTING"), p.render().get(2));
        assertTrue(p.apply(new FoldProgress(new FoldId("r1", "3d_fullres", 0, 1), 50, 100, 0.5, null, null, 0.01,
                10, 10.0, t)));
        assertTrue(p.render().get(1).contains("50/100") && p.render().get(1).contains("TRAINING"), p.render().get(1));
        assertFalse(p.apply(new FoldProgress(new FoldId("r2", "3d_fullres", 0, 1), 1, 100, 0.5, null, null, 0.01,
                1, 1.0, t)), "another run's event is ignored");
        assertFalse(p.finished());
        p.apply(new SubmissionReady("r1", "r1/package/submission.zip", 10, "a".repeat(64), List.of(), t));
        assertTrue(p.finished());
    }

    @Test
    void aRetriedFoldShowsItsAttemptsAndAFailedRunEndsTheFollowWithItsReason() {
        RunProgress p = new RunProgress("r1");
        Instant t = Instant.parse("2026-11-29T00:00:00Z");
        FoldId fold = new FoldId("r1", "3d_fullres", 0, 0);
        p.apply(new RunAccepted("r1", "Shapes", List.of("3d_fullres"), List.of(0), List.of(), 100,
                "r1/run.json", "r1/plans.json", t));
        p.apply(new FoldFailed(fold, FailurePhase.TRAINING, "ObjectStoreException: refused", true, t, 1));
        assertTrue(p.render().get(0).contains("RETRYING") && p.render().get(0).contains("attempt 1 failed"),
                p.render().get(0));
        assertFalse(p.finished(), "a retryable failure does not end the run");
        p.apply(new FoldFailed(fold, FailurePhase.TRAINING, "failed for good after 3 attempts: refused", false, t, 3));
        assertTrue(p.render().get(0).contains("FAILED"), p.render().get(0));
        p.apply(new RunFailed("r1", "stage 0 3d_fullres fold 0 failed for good after 3 attempts", t));
        assertTrue(p.finished());
        assertTrue(p.failure().contains("after 3 attempts"), p.failure());
    }

    @Test
    void aCascadeShowsBothStagesWithStagePrefixes() {
        RunProgress p = new RunProgress("r1");
        Instant t = Instant.parse("2026-11-29T00:00:00Z");
        p.apply(new FoldProgress(new FoldId("r1", "3d_lowres", 0, 0), 5, 100, 0.9, null, null, 0.01, 10, 50.0, t));
        p.apply(new RunAccepted("r1", "Shapes", List.of("3d_lowres", "3d_cascade_fullres"), List.of(0, 1), List.of(), 100,
                "r1/run.json", "r1/plans.json", t, List.of(
                new RunAccepted.StagePlan(0, "3d_lowres", List.of(0, 1), List.of(), 100),
                new RunAccepted.StagePlan(1, "3d_cascade_fullres", List.of(0, 1), List.of(), 60))));
        List<String> lines = p.render();
        assertEquals(4, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("s0 fold 0"), lines.get(0));
        assertTrue(lines.get(2).startsWith("s1 fold 0") && lines.get(2).contains("WAITING"), lines.get(2));
        p.apply(new NextStagePredicted(new FoldId("r1", "3d_lowres", 0, 1), "r1/3d_lowres/next_stage/",
                List.of("c1", "c2"), t));
        assertTrue(p.render().get(1).contains("NEXT_STAGE") && p.render().get(1).contains("2 next-stage predictions"),
                p.render().get(1));
        p.apply(new FoldProgress(new FoldId("r1", "3d_cascade_fullres", 1, 1), 30, 60, 0.4, null, null, 0.01, 10,
                5.0, t));
        assertTrue(p.render().get(3).startsWith("s1 fold 1") && p.render().get(3).contains("30/60"), p.render().get(3));
    }
}
