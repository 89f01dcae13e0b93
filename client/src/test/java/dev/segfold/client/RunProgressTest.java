package dev.segfold.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.contracts.events.FoldId;
import dev.segfold.contracts.events.FoldProgress;
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
}
