package dev.segfold.evaluator.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.segfold.contracts.events.ClassDice;
import dev.segfold.engine.evaluation.EvaluationSummary;
import dev.segfold.engine.evaluation.Metric;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DiceReportTest {

    private static EvaluationSummary summary(double... dicePerLabel) {
        Map<String, Map<Metric, Double>> mean = new LinkedHashMap<>();
        mean.put("0", Map.of(Metric.DICE, 0.99));
        for (int i = 0; i < dicePerLabel.length; i++) {
            mean.put(Integer.toString(i + 1), Map.of(Metric.DICE, dicePerLabel[i]));
        }
        return new EvaluationSummary(List.of(), mean);
    }

    @Test
    void foregroundClassesWithTheirNames() {
        List<ClassDice> dice = DiceReport.of(summary(0.8, 0.6), Map.of(0, "background", 1, "Anterior", 2, "Posterior"));
        assertEquals(List.of(new ClassDice(1, "Anterior", 0.8), new ClassDice(2, "Posterior", 0.6)), dice);
    }

    @Test
    void undefinedDiceIsLeftOutAndAllUndefinedIsAnError() {
        assertEquals(List.of(new ClassDice(2, "label2", 0.5)), DiceReport.of(summary(Double.NaN, 0.5), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> DiceReport.of(summary(Double.NaN), Map.of()));
    }
}
