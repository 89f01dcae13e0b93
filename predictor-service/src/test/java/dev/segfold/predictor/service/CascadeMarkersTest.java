package dev.segfold.predictor.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.service.run.RunDescription;
import dev.segfold.service.run.RunStage;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CascadeMarkersTest {
    @Test
    void markersLiveInTheFirstStagesNextStageFolder() {
        assertEquals("r1/3d_lowres/next_stage/fold3.json", NextStageMarker.key("r1", "3d_lowres", 3));
        assertEquals("r1/3d_lowres/next_stage/stage1-requested.json", SecondStageRequested.key("r1", "3d_lowres"));
        NextStageMarker m = new NextStageMarker(3, "r1/3d_lowres/fold3/iter_40/checkpoint.json", "a".repeat(64),
                List.of("case_1", "case_2"), Instant.parse("2026-01-01T00:00:00Z"));
        assertEquals(m, NextStageMarker.fromJson(m.toJson()));
        assertTrue(new String(new SecondStageRequested("r1", List.of(0, 1), Instant.EPOCH).toJson()).contains("[0,1]"));
    }

    @Test
    void aCascadeEnsemblesItsSecondStageFoldsAndOtherRunsTheirExpectedFolds() {
        RunDescription cascade = new RunDescription("r1", "d1", "3d_cascade_fullres", List.of(0, 1, 2), List.of(),
                List.of(new RunStage(0, "3d_lowres", List.of(0, 1, 2, 3), List.of(4), 10),
                        new RunStage(1, "3d_cascade_fullres", List.of(1, 2), List.of(), 20)), 5, 1, 7);
        assertTrue(EnsembleReadiness.isCascade(cascade));
        assertEquals(List.of(1, 2), EnsembleReadiness.ensembledFolds(cascade));
        RunDescription plain = new RunDescription("r2", "d1", "3d_fullres", List.of(0, 2), List.of(4));
        assertEquals(List.of(0, 2, 4), EnsembleReadiness.ensembledFolds(plain));
    }
}
