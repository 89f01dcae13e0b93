package dev.segfold.evaluator.service;

import dev.segfold.contracts.events.ClassDice;
import dev.segfold.engine.evaluation.EvaluationSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns the engine's evaluation summary into the Dice per class that {@code FoldEvaluated} carries. */
public final class DiceReport {
    private DiceReport() {
    }

    /**
     * Dice per foreground label with the data set's class names. A label whose Dice is undefined
     * (NaN: absent from every reference and prediction) is left out, since the event admits only
     * [0, 1].
     *
     * @param labels label value to name, from {@code dataset.json}
     * @throws IllegalArgumentException when no foreground label has a defined Dice
     */
    public static List<ClassDice> of(EvaluationSummary summary, Map<Integer, String> labels) {
        List<ClassDice> dice = new ArrayList<>();
        for (int label : summary.foregroundLabels()) {
            double value = summary.meanDice(label);
            if (Double.isNaN(value)) {
                continue;
            }
            dice.add(new ClassDice(label, labels.getOrDefault(label, "label" + label), value));
        }
        if (dice.isEmpty()) {
            throw new IllegalArgumentException("summary.json has no foreground class with a defined Dice (labels "
                    + summary.foregroundLabels() + ")");
        }
        return dice;
    }
}
