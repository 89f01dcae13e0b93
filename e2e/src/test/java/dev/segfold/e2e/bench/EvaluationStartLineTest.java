package dev.segfold.e2e.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class EvaluationStartLineTest {

    @Test
    void readsTheMarkOutOfAQuarkusConsoleLine() {
        String line = "2026-11-29 19:40:01,234 INFO  [dev.seg.eva.ser.CheckpointEvaluator] (evaluator-pool-1) "
                + "evaluation-start manifest=latency-1a/3d_fullres/fold0/iter_12/checkpoint.json epochMillis=1795894801234";
        assertEquals(Optional.of(new EvaluationStartLine("latency-1a/3d_fullres/fold0/iter_12/checkpoint.json",
                1795894801234L)), EvaluationStartLine.parse(line));
    }

    @Test
    void readsTheBareMessageToo() {
        assertEquals(Optional.of(new EvaluationStartLine("r/3d_lowres/fold1/iter_5/checkpoint.json", 42L)),
                EvaluationStartLine.parse("evaluation-start manifest=r/3d_lowres/fold1/iter_5/checkpoint.json epochMillis=42"));
    }

    @Test
    void otherLinesAreNoMark() {
        assertTrue(EvaluationStartLine.parse("INFO r/3d_fullres/fold0/iter_5/checkpoint.json evaluated: mean Dice 0.5")
                .isEmpty());
        assertTrue(EvaluationStartLine.parse("evaluation-start manifest= epochMillis=42").isEmpty());
        assertTrue(EvaluationStartLine.parse("evaluation-start manifest=k epochMillis=soon").isEmpty());
        assertTrue(EvaluationStartLine.parse("evaluation-start manifest=k epochMillis=12345678901234567890").isEmpty(),
                "a number beyond 18 digits is no epoch time");
        assertTrue(EvaluationStartLine.parse("pre-evaluation-start manifest=k epochMillis=1").isEmpty());
    }
}
