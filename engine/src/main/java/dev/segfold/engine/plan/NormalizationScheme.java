package dev.segfold.engine.plan;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/**
 * How preprocessing normalizes a channel, nnU-Net's {@code normalization_schemes}: the plans
 * choose one per channel and preprocessing applies it. JSON values are nnU-Net's strings.
 */
public enum NormalizationScheme {
    /** Clip to the data set's foreground [p0.5, p99.5], then subtract its mean and divide by its sd. */
    CT("CT"),
    /** Per-image z-score. */
    NON_CT("nonCT"),
    /** Left as is. */
    NO_NORM("noNorm");

    private final String value;

    NormalizationScheme(String value) {
        this.value = value;
    }

    /** The name in nnU-Net's plans ({@code CT}, {@code nonCT}, {@code noNorm}). */
    @JsonValue
    public String value() {
        return value;
    }

    /** The scheme a plans file names; rejects any other name. */
    @JsonCreator
    public static NormalizationScheme fromValue(String value) {
        return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown normalization scheme \"" + value
                        + "\"; expected CT, nonCT or noNorm"));
    }

    /** nnU-Net's rule on the dataset.json modality name: "CT"/"ct" -> CT, "noNorm" -> none, else nonCT. */
    public static NormalizationScheme forModality(String modality) {
        if (modality.equals("CT") || modality.equals("ct")) {
            return CT;
        }
        return modality.equals("noNorm") ? NO_NORM : NON_CT;
    }
}
