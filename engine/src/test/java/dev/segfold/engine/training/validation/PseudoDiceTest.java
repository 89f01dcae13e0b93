package dev.segfold.engine.training.validation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** nnU-Net v2's online pseudo-Dice, its moving average and the choice of the best checkpoint. */
class PseudoDiceTest {

    @Test
    void countsAreSummedOverBatchesBeforeTheRatio() {
        PseudoDice dice = new PseudoDice(3);
        // batch 1: class 1 tp 2 fp 1 fn 0; class 2 tp 0 fp 0 fn 1
        dice.add(new long[] {1, 1, 1, 0, 0}, new float[] {1, 1, 0, 0, 2});
        // batch 2: class 1 tp 0 fp 0 fn 1; class 2 tp 1 fp 1 fn 0
        dice.add(new long[] {0, 2, 2, 0}, new float[] {1, 2, 0, 0});
        // class 1: 2*2 / (4 + 1 + 1) = 4/6; class 2: 2 / (2 + 1 + 1) = 0.5
        assertArrayEquals(new double[] {4.0 / 6, 0.5}, dice.perClass(), 1e-12);
        assertEquals((4.0 / 6 + 0.5) / 2, dice.mean(), 1e-12);
        // the mean of per-batch Dice would differ: summing first is what nnU-Net does
        double perBatch = (2 * 2.0 / 5 + 0 + 0 + 2.0 / 3) / 4;
        assertTrue(Math.abs(perBatch - dice.mean()) > 0.05);
    }

    @Test
    void aClassInNeitherPredictionNorTargetHasNoDiceAndIsLeftOutOfTheMean() {
        PseudoDice dice = new PseudoDice(3);
        dice.add(new long[] {1, 0, 0}, new float[] {1, 0, 1});
        double[] perClass = dice.perClass();
        assertEquals(2.0 / 3, perClass[0], 1e-12);
        assertTrue(Double.isNaN(perClass[1]));
        assertEquals(2.0 / 3, dice.mean(), 1e-12);
        assertEquals(Arrays.asList(2.0 / 3, null), PseudoDice.withNulls(perClass));
        assertTrue(Double.isNaN(new PseudoDice(2).mean()), "no foreground anywhere: undefined");
    }

    @Test
    void theMovingAverageIsNnUNetsAndTheBestFollowsIt() {
        ValidationTracker t = ValidationTracker.start();
        ValidationTracker e1 = t.next(0.5, 250);
        assertEquals(0.5, e1.ema(), 1e-12, "the first epoch's Dice as it is");
        assertTrue(e1.improvedOn(t));
        assertEquals(250, e1.bestIteration());

        ValidationTracker e2 = e1.next(0.3, 500);
        assertEquals(0.9 * 0.5 + 0.1 * 0.3, e2.ema(), 1e-12);
        assertFalse(e2.improvedOn(e1), "a lower average keeps the old best");
        assertEquals(250, e2.bestIteration());
        assertEquals(0.5, e2.bestEma(), 1e-12);

        ValidationTracker e3 = e2.next(0.9, 750);
        assertEquals(0.9 * 0.48 + 0.1 * 0.9, e3.ema(), 1e-12);
        assertTrue(e3.ema() > e2.bestEma() && e3.improvedOn(e2));
        assertEquals(750, e3.bestIteration());

        // a single great epoch is damped: 0.9 once after a long 0.1 run does not beat a 0.6 average
        ValidationTracker low = ValidationTracker.start().next(0.6, 1);
        for (int i = 2; i < 30; i++) {
            low = low.next(0.1, i);
        }
        ValidationTracker spike = low.next(0.9, 30);
        assertFalse(spike.improvedOn(low));
        assertEquals(1, spike.bestIteration());
        assertEquals(30, spike.epochs());
    }

    @Test
    void anUndefinedEpochLeavesTheAverageAndTheStateSurvivesJson() {
        ValidationTracker t = ValidationTracker.start().next(Double.NaN, 10);
        assertTrue(Double.isNaN(t.ema()));
        assertEquals(-1, t.bestIteration(), "no best before a defined Dice");
        ValidationTracker u = t.next(0.2, 20);
        assertEquals(0.2, u.ema(), 1e-12);
        assertEquals(20, u.bestIteration());
        ValidationTracker v = u.next(Double.NaN, 30);
        assertEquals(0.2, v.ema(), 1e-12);
        assertEquals(3, v.epochs());
        assertEquals(v, ValidationTracker.fromJson(v.toJson(), "test"));
        ValidationTracker empty = ValidationTracker.start();
        ValidationTracker back = ValidationTracker.fromJson(empty.toJson(), "test");
        assertTrue(Double.isNaN(back.ema()) && Double.isNaN(back.bestEma()) && back.bestIteration() == -1);
    }

    @Test
    void theScheduleValidatesAtEpochEndsAndAtTheLastIteration() {
        ValidationSchedule s = new ValidationSchedule(4, 2);
        List<Integer> at = java.util.stream.IntStream.rangeClosed(1, 10).filter(i -> s.validatesAfter(i, 10))
                .boxed().toList();
        assertEquals(List.of(4, 8, 10), at);
        assertEquals(2, s.epochsBefore(9));
        assertFalse(new ValidationSchedule(4, 0).validatesAfter(4, 10), "0 batches: no validation");
    }
}
