package dev.segfold.engine.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * summary.json in nnU-Net v1's layout ({@code aggregate_scores}): top level {@code name,
 * description, timestamp, task, author, results, id}; {@code results.all} one entry per case
 * ({@code "0": {...}, "1": {...}, "test": path, "reference": path}); {@code results.mean} per label.
 * The id is the first 12 hex digits of an MD5 over the rest, as in nnU-Net, but over this writer's
 * text, so it does not equal the id Python would compute for the same content.
 */
public final class SummaryJson {
    /** The key of the optional foreground-mean entry in {@code results.mean} (add_mean_dice_to_json). */
    public static final String FOREGROUND_MEAN_KEY = "mean";

    private SummaryJson() {}

    /** The JSON tree (sorted maps) of a summary; with {@code foregroundMean} also {@code results.mean.mean}. */
    public static Map<String, Object> toTree(EvaluationSummary summary, SummaryHeader header, boolean foregroundMean) {
        Map<String, Object> root = new TreeMap<>();
        root.put("name", header.name());
        root.put("description", header.description());
        root.put("timestamp", header.timestamp());
        root.put("task", header.task());
        root.put("author", header.author());
        List<Object> all = new ArrayList<>();
        for (CaseEvaluation c : summary.all()) {
            Map<String, Object> entry = new TreeMap<>();
            c.perLabel().forEach((label, metrics) -> entry.put(label, metricTree(metrics, true)));
            if (c.test() != null) {
                entry.put("test", c.test());
            }
            if (c.reference() != null) {
                entry.put("reference", c.reference());
            }
            all.add(entry);
        }
        Map<String, Object> mean = new TreeMap<>();
        summary.mean().forEach((label, metrics) -> mean.put(label, metricTree(metrics, false)));
        if (foregroundMean && !summary.foregroundLabels().isEmpty()) {
            mean.put(FOREGROUND_MEAN_KEY, metricTree(summary.foregroundMean(), false));
        }
        Map<String, Object> results = new TreeMap<>();
        results.put("all", all);
        results.put("mean", mean);
        root.put("results", results);
        root.put("id", id(root));
        return root;
    }

    /** The text of {@link #toTree}. */
    public static String toText(EvaluationSummary summary, SummaryHeader header, boolean foregroundMean) {
        return NnUNetJson.toText(toTree(summary, header, foregroundMean));
    }

    /** Writes summary.json (without the foreground-mean entry, as nnU-Net's evaluation does). */
    public static void write(Path file, EvaluationSummary summary, SummaryHeader header) {
        NnUNetJson.write(file, toTree(summary, header, false));
    }

    /** Writes summary.json, optionally with {@code results.mean.mean}. */
    public static void write(Path file, EvaluationSummary summary, SummaryHeader header, boolean foregroundMean) {
        NnUNetJson.write(file, toTree(summary, header, foregroundMean));
    }

    /**
     * Reads a summary.json written by nnU-Net or by this class. Labels that are not integers (the
     * foreground "mean" entry) are left out of the means; unknown metric names are ignored.
     */
    public static EvaluationSummary read(Path file) {
        JsonNode root = NnUNetJson.read(file);
        try {
            return fromTree(root);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** Parses summary.json text (see {@link #read}). */
    public static EvaluationSummary parse(String text) {
        return fromTree(NnUNetJson.parse(text));
    }

    private static EvaluationSummary fromTree(JsonNode root) {
        JsonNode results = root.get("results");
        if (results == null || !results.has("all") || !results.has("mean")) {
            throw new IllegalArgumentException("field results.all / results.mean is missing");
        }
        List<CaseEvaluation> cases = new ArrayList<>();
        int i = 0;
        for (JsonNode entry : results.get("all")) {
            Map<String, Map<Metric, Double>> perLabel = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> f : entry.properties()) {
                if (f.getValue().isObject()) {
                    perLabel.put(f.getKey(), metrics(f.getValue(), "results.all[" + i + "]." + f.getKey()));
                }
            }
            cases.add(new CaseEvaluation(text(entry.get("test")), text(entry.get("reference")), perLabel));
            i++;
        }
        Map<String, Map<Metric, Double>> mean = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> f : results.get("mean").properties()) {
            if (isInteger(f.getKey())) {
                mean.put(f.getKey(), metrics(f.getValue(), "results.mean." + f.getKey()));
            }
        }
        return new EvaluationSummary(cases, mean);
    }

    private static Map<String, Object> metricTree(Map<Metric, Double> metrics, boolean perCase) {
        Map<String, Object> out = new TreeMap<>();
        metrics.forEach((m, v) -> out.put(m.key(), perCase && m.isCount() && !Double.isNaN(v) ? (Object) v.longValue() : v));
        return out;
    }

    private static Map<Metric, Double> metrics(JsonNode node, String where) {
        Map<Metric, Double> out = new EnumMap<>(Metric.class);
        for (Map.Entry<String, JsonNode> f : node.properties()) {
            Metric m;
            try {
                m = Metric.ofKey(f.getKey());
            } catch (IllegalArgumentException e) {
                continue; // e.g. "Hausdorff Distance 95" from advanced mode
            }
            out.put(m, NnUNetJson.number(f.getValue(), where + "." + f.getKey()));
        }
        return out;
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    private static boolean isInteger(String s) {
        try {
            Integer.parseInt(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String id(Map<String, Object> rootWithoutId) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5")
                    .digest(NnUNetJson.toText(rootWithoutId).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JRE", e);
        }
    }
}
