package dev.segfold.e2e.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Summary of latency samples in milliseconds. Percentiles are nearest-rank: the p-th percentile is
 * the smallest sample such that at least p % of the samples are at most it (so with 50 samples p99
 * is the maximum): an observed value, never an interpolation.
 *
 * @param count number of samples
 * @param min   smallest sample
 * @param p50   median (nearest rank)
 * @param p95   95th percentile (nearest rank)
 * @param p99   99th percentile (nearest rank)
 * @param max   largest sample
 * @param mean  arithmetic mean
 */
public record LatencyStats(int count, long min, long p50, long p95, long p99, long max, double mean) {

    /**
     * Summarises {@code samples}.
     *
     * @throws IllegalArgumentException when there are no samples
     */
    public static LatencyStats of(List<Long> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("latency samples: none to summarise");
        }
        List<Long> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        double mean = sorted.stream().mapToLong(Long::longValue).average().orElseThrow();
        return new LatencyStats(sorted.size(), sorted.get(0), percentile(sorted, 50), percentile(sorted, 95),
                percentile(sorted, 99), sorted.get(sorted.size() - 1), mean);
    }

    /** Nearest-rank percentile of an ascending list: element ceil(p/100 * n), counted from 1. */
    static long percentile(List<Long> ascending, double p) {
        if (p <= 0 || p > 100) {
            throw new IllegalArgumentException("percentile " + p + " is outside (0, 100]");
        }
        int rank = (int) Math.ceil(p / 100.0 * ascending.size());
        return ascending.get(Math.max(1, rank) - 1);
    }

    /** One JSON object, e.g. {@code {"n":50,"min_ms":3,...}}. */
    public String toJson() {
        return String.format(Locale.ROOT,
                "{\"n\":%d,\"min_ms\":%d,\"p50_ms\":%d,\"p95_ms\":%d,\"p99_ms\":%d,\"max_ms\":%d,\"mean_ms\":%.1f}",
                count, min, p50, p95, p99, max, mean);
    }

    /** One table row: n, min, p50, p95, p99, max, mean. */
    public String toRow() {
        return String.format(Locale.ROOT, "%4d %7d %7d %7d %7d %7d %9.1f", count, min, p50, p95, p99, max, mean);
    }
}
