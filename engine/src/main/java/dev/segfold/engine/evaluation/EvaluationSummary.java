package dev.segfold.engine.evaluation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metrics of a set of cases and their per-label means: summary.json's {@code results}. Means
 * ignore NaN values (numpy's {@code nanmean}), so a case where a label is absent from both masks
 * does not pull the mean Dice down; a label that is NaN in every case has a NaN mean.
 *
 * @param all one entry per case, in order
 * @param mean label key to metric to mean over cases
 */
public record EvaluationSummary(List<CaseEvaluation> all, Map<String, Map<Metric, Double>> mean) {
    public EvaluationSummary {
        all = List.copyOf(all);
        Map<String, Map<Metric, Double>> copy = new LinkedHashMap<>();
        mean.forEach((label, metrics) -> copy.put(label, Collections.unmodifiableMap(new EnumMap<>(metrics))));
        mean = Collections.unmodifiableMap(copy);
    }

    /** Aggregates case results as nnU-Net's {@code aggregate_scores} does (nanmean per label and metric). */
    public static EvaluationSummary of(List<CaseEvaluation> cases) {
        Map<String, Map<Metric, List<Double>>> values = new LinkedHashMap<>();
        for (CaseEvaluation c : cases) {
            c.perLabel().forEach((label, metrics) -> {
                Map<Metric, List<Double>> perMetric = values.computeIfAbsent(label, k -> new EnumMap<>(Metric.class));
                metrics.forEach((m, v) -> perMetric.computeIfAbsent(m, k -> new ArrayList<>()).add(v));
            });
        }
        Map<String, Map<Metric, Double>> mean = new LinkedHashMap<>();
        values.forEach((label, perMetric) -> {
            Map<Metric, Double> means = new EnumMap<>(Metric.class);
            perMetric.forEach((m, list) -> means.put(m, nanMean(list)));
            mean.put(label, means);
        });
        return new EvaluationSummary(cases, mean);
    }

    /** Mean of the non-NaN values; NaN when there are none. */
    public static double nanMean(List<Double> values) {
        double sum = 0;
        int n = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** Mean of {@code metric} over cases for {@code label}. */
    public double mean(String label, Metric metric) {
        Map<Metric, Double> m = mean.get(label);
        if (m == null || !m.containsKey(metric)) {
            throw new IllegalArgumentException("summary has no mean " + metric.key() + " for label " + label
                    + " (labels: " + mean.keySet() + ")");
        }
        return m.get(metric);
    }

    public double meanDice(int label) {
        return mean(Integer.toString(label), Metric.DICE);
    }

    /** Foreground labels found in the means (every integer label except 0), in order. */
    public List<Integer> foregroundLabels() {
        List<Integer> fg = new ArrayList<>();
        for (String key : mean.keySet()) {
            Integer label = parseLabel(key);
            if (label != null && label != 0) {
                fg.add(label);
            }
        }
        return fg;
    }

    /**
     * Per metric, the nanmean over foreground labels of the per-label means: nnU-Net's
     * {@code add_mean_dice_to_json} "mean" entry.
     */
    public Map<Metric, Double> foregroundMean() {
        Map<Metric, List<Double>> values = new EnumMap<>(Metric.class);
        for (int label : foregroundLabels()) {
            mean.get(Integer.toString(label)).forEach((m, v) -> values.computeIfAbsent(m, k -> new ArrayList<>()).add(v));
        }
        Map<Metric, Double> out = new EnumMap<>(Metric.class);
        values.forEach((m, list) -> out.put(m, nanMean(list)));
        return out;
    }

    /** The foreground mean Dice: the number model selection ranks by. */
    public double foregroundMeanDice() {
        Double d = foregroundMean().get(Metric.DICE);
        if (d == null) {
            throw new IllegalStateException("summary has no foreground Dice (labels: " + mean.keySet() + ")");
        }
        return d;
    }

    private static Integer parseLabel(String key) {
        try {
            return Integer.valueOf(key);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
