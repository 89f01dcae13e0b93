package dev.segfold.packager.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProgressLogTest {
    @Test
    void findsColumnsByNameInAnyOrder() {
        ProgressLog log = ProgressLog.parse("""
                lr,epoch,Iteration,loss
                0.01,0,20,0.9
                0.009,0,40,0.7
                """, "progress.csv");
        assertEquals(2, log.points().size());
        assertEquals(40, log.points().get(1).iteration());
        assertEquals(0.7, log.points().get(1).loss());
        assertEquals(0.009, log.points().get(1).learningRate());
        assertTrue(Double.isNaN(log.points().get(0).meanLoss()));
        assertTrue(log.hasLoss() && log.hasLearningRate());
    }

    @Test
    void aLogWithoutLearningRateStillHasLoss() {
        ProgressLog log = ProgressLog.parse("step,train_loss\n1,0.5\n", "p.csv");
        assertTrue(log.hasLoss());
        assertFalse(log.hasLearningRate());
    }

    @Test
    void errorsNameTheFileLineAndColumn() {
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> ProgressLog.parse("iteration,loss\n1,0.5\n2,oops\n", "fold0/progress.csv"));
        assertTrue(bad.getMessage().contains("fold0/progress.csv line 3") && bad.getMessage().contains("'loss'"),
                bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ProgressLog.parse("loss\n0.5\n", "p.csv"));
        assertThrows(IllegalArgumentException.class, () -> ProgressLog.parse("iteration,epoch\n1,0\n", "p.csv"));
        assertThrows(IllegalArgumentException.class, () -> ProgressLog.parse("", "p.csv"));
    }
}
