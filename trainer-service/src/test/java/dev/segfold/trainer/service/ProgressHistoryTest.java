package dev.segfold.trainer.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.engine.training.TrainingProgress;
import java.time.Duration;
import dev.segfold.engine.training.validation.EpochValidation;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressHistoryTest {

    private static TrainingProgress report(int iteration, double loss) {
        return new TrainingProgress(iteration, 10, loss, loss + 0.5, 0.01 / iteration, 120.5, 16.6,
                Duration.ofSeconds(10 - iteration));
    }

    @Test
    void csvHasHeaderAndOneRowPerReport() {
        ProgressHistory history = new ProgressHistory();
        history.append(report(2, 0.75));
        history.append(report(4, 0.5));
        String[] lines = history.toCsv().split("\n");
        assertEquals(ProgressHistory.HEADER, lines[0]);
        assertEquals(3, lines.length);
        assertEquals("4,0.5,1.0,0.0025,120.5,,,,", lines[2], "no validation on this row");
    }

    @Test
    void validationColumnsRoundTripAndOldFilesStillRead() {
        ProgressHistory history = new ProgressHistory();
        history.append(report(2, 0.75));
        history.append(new TrainingProgress(4, 10, 0.5, 1.0, 0.0025, 120.5, 16.6, Duration.ofSeconds(1),
                new EpochValidation(1, 4, 0.8, java.util.Arrays.asList(0.5, null), 0.5, 0.5, 0.5, true, 0.3)));
        String csv = history.toCsv();
        assertTrue(csv.contains("\n4,0.5,1.0,0.0025,120.5,0.8,0.5,0.5,0.5;\n"), csv);
        ProgressHistory back = ProgressHistory.parse(csv, 10, "progress.csv");
        assertEquals(history.rows(), back.rows());
        assertEquals(java.util.Arrays.asList(0.5, null), back.rows().get(1).pseudoDicePerClass());
        ProgressHistory old = ProgressHistory.parse(
                "iteration,loss,mean_loss,learning_rate,ms_per_iteration\n2,0.5,0.6,0.01,100\n", 10, "old.csv");
        assertEquals(null, old.rows().get(0).validationLoss(), "a file from before validation during training");
    }

    @Test
    void parseRoundTripsAndCutsAtTheResumedIteration() {
        ProgressHistory history = new ProgressHistory();
        for (int it = 2; it <= 8; it += 2) {
            history.append(report(it, 1.0 / it));
        }
        ProgressHistory resumed = ProgressHistory.parse(history.toCsv(), 4, "progress.csv");
        assertEquals(List.of(2, 4), resumed.rows().stream().map(ProgressHistory.Row::iteration).toList());
        assertEquals(history.rows().subList(0, 2), resumed.rows());
    }

    @Test
    void aRepeatedReportReplacesTheRowsFromItsIteration() {
        ProgressHistory history = new ProgressHistory();
        history.append(report(2, 0.9));
        history.append(report(4, 0.8));
        history.append(report(4, 0.7));
        assertEquals(2, history.rows().size());
        assertEquals(0.7, history.rows().get(1).loss());
    }

    @Test
    void malformedCsvNamesTheSourceAndLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProgressHistory.parse(ProgressHistory.HEADER + "\n2,0.5,0.5\n", 10, "iter_2/progress.csv"));
        assertTrue(e.getMessage().contains("iter_2/progress.csv line 2"), e.getMessage());
        IllegalArgumentException n = assertThrows(IllegalArgumentException.class,
                () -> ProgressHistory.parse("2,x,0.5,0.1,3\n", 10, "p.csv"));
        assertTrue(n.getMessage().startsWith("p.csv line 1"), n.getMessage());
    }
}
