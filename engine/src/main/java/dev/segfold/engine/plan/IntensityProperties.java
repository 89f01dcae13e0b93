package dev.segfold.engine.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.segfold.engine.image.VoxelStatistics;

/**
 * Foreground intensity statistics of one channel, pooled over the data set; CT normalization clips
 * to [p0.5, p99.5] and standardizes with the mean and sd. JSON keys as in nnU-Net's
 * {@code intensityproperties}.
 */
public record IntensityProperties(
        @JsonProperty("median") double median,
        @JsonProperty("mean") double mean,
        @JsonProperty("sd") double sd,
        @JsonProperty("mn") double min,
        @JsonProperty("mx") double max,
        @JsonProperty("percentile_00_5") double percentile00_5,
        @JsonProperty("percentile_99_5") double percentile99_5) {

    /**
     * Statistics of pooled voxel values as nnU-Net's {@code _compute_stats}: numpy median, mean,
     * population sd, min, max and linear percentiles 0.5 and 99.5; all NaN when there are none.
     * Sums run in double (numpy sums the float32 voxels in float32), so the mean and sd can differ
     * from nnU-Net's in the last float32 digits.
     */
    public static IntensityProperties of(double[] voxels) {
        if (voxels.length == 0) {
            double nan = Double.NaN;
            return new IntensityProperties(nan, nan, nan, nan, nan, nan, nan);
        }
        VoxelStatistics s = VoxelStatistics.of(voxels);
        return new IntensityProperties(NumpyMath.median(voxels), s.mean(), s.std(), s.min(), s.max(),
                NumpyMath.percentile(voxels, 0.5), NumpyMath.percentile(voxels, 99.5));
    }
}
