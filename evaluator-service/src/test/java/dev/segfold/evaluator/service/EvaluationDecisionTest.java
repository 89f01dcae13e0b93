package dev.segfold.evaluator.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.contracts.checkpoint.CheckpointManifest;
import dev.segfold.contracts.checkpoint.ManifestFile;
import dev.segfold.contracts.storage.FoldLayout;
import dev.segfold.contracts.storage.RunLayout;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EvaluationDecisionTest {
    static final String SHA_A = "a".repeat(64);
    static final String SHA_B = "b".repeat(64);

    static CheckpointManifest manifest(int iteration, boolean isFinal, String modelSha) {
        return new CheckpointManifest(1, "r1", "3d_fullres", 0, 2, iteration, isFinal,
                List.of(new ManifestFile("model.params", 10, modelSha)), "c".repeat(64), Instant.now());
    }

    static EvaluationMarker marker(CheckpointManifest m) {
        return new EvaluationMarker(m.layout().manifest(), m.contentDigest(), m.iteration(), m.finalCheckpoint(), 0.5,
                Instant.now());
    }

    @Test
    void finalCheckpointIsEvaluatedOnceItsMarkerAndSummaryExistItIsNot() {
        CheckpointManifest m = manifest(100, true, SHA_A);
        assertEquals(EvaluationDecision.EVALUATE, EvaluationDecision.decide(m, false, Optional.empty(), false));
        assertEquals(EvaluationDecision.ALREADY_EVALUATED,
                EvaluationDecision.decide(m, false, Optional.of(marker(m)), true));
        // the marker alone is not enough: the summary it vouches for must be there too
        assertEquals(EvaluationDecision.EVALUATE, EvaluationDecision.decide(m, false, Optional.of(marker(m)), false));
    }

    @Test
    void sameCheckpointWithOtherContentIsEvaluatedAgain() {
        CheckpointManifest before = manifest(100, true, SHA_A);
        CheckpointManifest retrained = manifest(100, true, SHA_B);
        assertEquals(EvaluationDecision.EVALUATE,
                EvaluationDecision.decide(retrained, false, Optional.of(marker(before)), true));
    }

    @Test
    void nonFinalCheckpointsOnlyWhenTheRunAsks() {
        CheckpointManifest m = manifest(50, false, SHA_A);
        assertEquals(EvaluationDecision.NOT_FINAL, EvaluationDecision.decide(m, false, Optional.empty(), false));
        assertEquals(EvaluationDecision.EVALUATE, EvaluationDecision.decide(m, true, Optional.empty(), false));
    }

    @Test
    void olderCheckpointNeverOverwritesANewerOrFinalEvaluation() {
        CheckpointManifest older = manifest(50, false, SHA_A);
        CheckpointManifest newer = manifest(60, false, SHA_B);
        CheckpointManifest last = manifest(40, true, SHA_B);
        assertEquals(EvaluationDecision.SUPERSEDED,
                EvaluationDecision.decide(older, true, Optional.of(marker(newer)), true));
        assertEquals(EvaluationDecision.EVALUATE,
                EvaluationDecision.decide(newer, true, Optional.of(marker(older)), true));
        assertEquals(EvaluationDecision.SUPERSEDED,
                EvaluationDecision.decide(newer, true, Optional.of(marker(last)), true));
        assertEquals(EvaluationDecision.EVALUATE,
                EvaluationDecision.decide(last, true, Optional.of(marker(newer)), true));
    }

    @Test
    void markerRoundTripsAndUnreadableMarkerCountsAsAbsent() {
        CheckpointManifest m = manifest(100, true, SHA_A);
        EvaluationMarker written = marker(m);
        EvaluationMarker read = EvaluationMarker.parse(written.toJson()).orElseThrow();
        assertEquals(written, read);
        assertTrue(read.records(m));
        assertTrue(new String(written.toJson()).contains("\"final\":true"));
        assertEquals(Optional.empty(), EvaluationMarker.parse("not json".getBytes()));
        assertEquals(Optional.empty(), EvaluationMarker.parse("{}".getBytes()));
        FoldLayout fold = RunLayout.of("r1").fold("3d_fullres", 2);
        assertEquals("r1/3d_fullres/fold2/validation/evaluated.json", EvaluationMarker.key(fold));
    }
}
