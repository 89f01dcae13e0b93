package dev.segfold.engine.plan;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/**
 * How preprocessing normalizes a channel: CT with the data set's clipped foreground statistics,
 * nonCT by per-image z-score, or not at all. JSON values are nnU-Net's strings.
 */
public enum NormalizationScheme {
    CT("CT"),
    NON_CT("nonCT"),
    NO_NORM("noNorm");

    private final String value;

    NormalizationScheme(String value) {
        this.value = value;
    }

    @JsonValue
    public String value() {
        return value;
    }

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
