package dev.segfold.engine.image;

import java.util.function.IntToDoubleFunction;

/**
 * Mean, population standard deviation (numpy's {@code std}, ddof 0) and range of a set of voxel
 * values, accumulated in double precision: what augmentation needs of a channel and what the
 * fingerprint's intensity properties report. An empty set has a NaN mean and standard deviation.
 */
public record VoxelStatistics(double mean, double std, double min, double max) {
    /** The statistics of {@code values}. */
    public static VoxelStatistics of(float[] values) {
        return of(values.length, i -> values[i]);
    }

    /** The statistics of {@code values}. */
    public static VoxelStatistics of(double[] values) {
        return of(values.length, i -> values[i]);
    }

    private static VoxelStatistics of(int n, IntToDoubleFunction value) {
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double v = value.applyAsDouble(i);
            sum += v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double mean = sum / n;
        double sq = 0;
        for (int i = 0; i < n; i++) {
            double d = value.applyAsDouble(i) - mean;
            sq += d * d;
        }
        return new VoxelStatistics(mean, Math.sqrt(sq / n), min, max);
    }
}
