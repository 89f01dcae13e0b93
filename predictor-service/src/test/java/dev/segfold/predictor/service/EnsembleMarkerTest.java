package dev.segfold.predictor.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnsembleMarkerTest {
    @Test
    void roundTripsThroughJsonAndLivesBesideTheEnsemble() {
        EnsembleMarker m = new EnsembleMarker("r1", "3d_fullres", List.of(0, 1),
                List.of(new EnsembleMarker.FoldCheckpoint(0, 40, "c".repeat(64))), List.of("case_1"),
                List.of(List.of(1, 2)), Instant.parse("2026-01-01T00:00:00Z"));
        assertEquals(m, EnsembleMarker.fromJson(m.toJson()));
        assertEquals("r1/ensemble/ensemble.json", EnsembleMarker.key("r1"));
    }

    @Test
    void readinessListsEveryMissingFoldOnce() {
        Readiness r = new Readiness(List.of(3), List.of(1), Map.of());
        assertFalse(r.ready());
        assertEquals(List.of(1, 3), r.missing());
        assertTrue(new Readiness(List.of(), List.of(), Map.of()).ready());
    }
}
