package dev.segfold.engine.evaluation;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The metrics of one case, per label, as one entry of summary.json's {@code results.all}.
 *
 * @param test where the prediction came from (written as "test"; may be null)
 * @param reference where the ground truth came from (written as "reference"; may be null)
 * @param perLabel label key ("1", or e.g. "(1, 2)" for a joint group) to metric values
 */
public record CaseEvaluation(String test, String reference, Map<String, Map<Metric, Double>> perLabel) {
    public CaseEvaluation {
        Map<String, Map<Metric, Double>> copy = new LinkedHashMap<>();
        perLabel.forEach((label, metrics) -> copy.put(label, Collections.unmodifiableMap(new EnumMap<>(metrics))));
        perLabel = Collections.unmodifiableMap(copy);
    }

    /** The value of {@code metric} for {@code label}; an exception names both if missing. */
    public double get(String label, Metric metric) {
        Map<Metric, Double> m = perLabel.get(label);
        if (m == null || !m.containsKey(metric)) {
            throw new IllegalArgumentException("case " + test + " has no " + metric.key() + " for label " + label);
        }
        return m.get(metric);
    }

    public double dice(int label) {
        return get(Integer.toString(label), Metric.DICE);
    }
}
