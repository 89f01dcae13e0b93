package dev.segfold.engine.preprocess;

/**
 * How a channel's intensities are normalised, nnU-Net's {@code normalization_schemes} values.
 */
public enum NormalizationScheme {
    /** Clip to the data set's foreground [p0.5, p99.5], then subtract its mean and divide by its sd. */
    CT("CT"),
    /** Per-image z-score. */
    NON_CT("nonCT"),
    /** Left as is. */
    NO_NORM("noNorm");

    private final String plansName;

    NormalizationScheme(String plansName) {
        this.plansName = plansName;
    }

    /** The name in nnU-Net's plans. */
    public String plansName() {
        return plansName;
    }

    /** The scheme a plans file names ({@code CT}, {@code nonCT}, {@code noNorm}). */
    public static NormalizationScheme fromPlansName(String name) {
        for (NormalizationScheme s : values()) {
            if (s.plansName.equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("normalization scheme '" + name + "' is not one of CT, nonCT, noNorm");
    }
}
