package dev.segfold.engine.evaluation;

import dev.segfold.engine.image.Volume;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares a predicted label map with its reference, label by label, with nnU-Net v1's default
 * metric set ({@code Evaluator.evaluate}). Labels are evaluated one at a time as binary masks.
 */
public final class Evaluator {
    private final List<Integer> labels;
    private final Set<Metric> metrics;

    /** Evaluates {@code labels} (usually 0..K, background included as nnU-Net does) with all default metrics. */
    public Evaluator(List<Integer> labels) {
        this(labels, EnumSet.allOf(Metric.class));
    }

    public Evaluator(List<Integer> labels, Set<Metric> metrics) {
        if (labels == null || labels.isEmpty()) {
            throw new IllegalArgumentException("labels must name at least one label");
        }
        if (metrics == null || metrics.isEmpty()) {
            throw new IllegalArgumentException("metrics must name at least one metric");
        }
        this.labels = List.copyOf(labels);
        this.metrics = EnumSet.copyOf(metrics);
    }

    /** Labels 0..maxLabel, the set nnU-Net evaluates for a data set with maxLabel foreground classes. */
    public static List<Integer> labelsUpTo(int maxLabel) {
        List<Integer> l = new ArrayList<>();
        for (int i = 0; i <= maxLabel; i++) {
            l.add(i);
        }
        return l;
    }

    /** Sorted distinct labels found in any of the volumes (nnU-Net's {@code construct_labels}). */
    public static List<Integer> labelsIn(Volume... volumes) {
        Set<Integer> found = new TreeSet<>();
        for (Volume v : volumes) {
            for (float f : v.data()) {
                if (f != Math.rint(f)) {
                    throw new IllegalArgumentException("volume " + v + " holds the non-integer label " + f);
                }
                found.add((int) f);
            }
        }
        return new ArrayList<>(found);
    }

    public List<Integer> labels() {
        return labels;
    }

    /**
     * Metrics of one case.
     *
     * @param test prediction, same shape as {@code reference}
     * @param reference ground truth
     * @param testPath recorded as "test" (may be null)
     * @param referencePath recorded as "reference" (may be null)
     */
    public CaseEvaluation evaluate(Volume test, Volume reference, String testPath, String referencePath) {
        Map<String, Map<Metric, Double>> perLabel = new LinkedHashMap<>();
        for (int label : labels) {
            ConfusionMatrix cm;
            try {
                cm = ConfusionMatrix.of(test, reference, label);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("cannot compare " + testPath + " with " + referencePath + ": "
                        + e.getMessage(), e);
            }
            Map<Metric, Double> values = new EnumMap<>(Metric.class);
            for (Metric m : metrics) {
                values.put(m, m.compute(cm));
            }
            perLabel.put(Integer.toString(label), values);
        }
        return new CaseEvaluation(testPath, referencePath, perLabel);
    }
}
