package dev.segfold.predictor.service;

import dev.segfold.service.checkpoint.StoredCheckpoint;
import java.util.List;
import java.util.Map;

/**
 * Whether every fold a run expects is evaluated, as storage shows it.
 *
 * @param missingEvaluations folds without {@code validation/summary.json}
 * @param missingFinals      evaluated folds whose final checkpoint has not landed (the evaluator
 *                           may validate intermediate checkpoints too)
 * @param finals             fold to its final checkpoint, for every fold that has one
 */
public record Readiness(List<Integer> missingEvaluations, List<Integer> missingFinals,
                        Map<Integer, StoredCheckpoint> finals) {

    public Readiness {
        missingEvaluations = List.copyOf(missingEvaluations);
        missingFinals = List.copyOf(missingFinals);
        finals = Map.copyOf(finals);
    }

    /** Every expected fold has a summary and a final checkpoint. */
    public boolean ready() {
        return missingEvaluations.isEmpty() && missingFinals.isEmpty();
    }

    /** The folds still awaited, ascending. */
    public List<Integer> missing() {
        return java.util.stream.Stream.concat(missingEvaluations.stream(), missingFinals.stream())
                .sorted().distinct().toList();
    }
}
