package dev.segfold.engine.preprocess;

/**
 * A CT channel's foreground intensity statistics from the data-set fingerprint, the values CT
 * normalisation needs.
 *
 * @param mean mean of the pooled foreground samples
 * @param sd standard deviation of the pooled foreground samples
 * @param percentile00_5 the 0.5th percentile, the lower clip bound
 * @param percentile99_5 the 99.5th percentile, the upper clip bound
 */
public record CtIntensityStats(double mean, double sd, double percentile00_5, double percentile99_5) {
    public CtIntensityStats {
        if (!(sd > 0) || !Double.isFinite(mean) || !(percentile00_5 <= percentile99_5)) {
            throw new IllegalArgumentException("CT intensity stats need a finite mean, sd > 0 and p0.5 <= p99.5, got mean "
                    + mean + ", sd " + sd + ", p0.5 " + percentile00_5 + ", p99.5 " + percentile99_5);
        }
    }
}
