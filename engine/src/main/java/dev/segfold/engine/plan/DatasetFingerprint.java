package dev.segfold.engine.plan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The data-set fingerprint ({@code dataset_properties} in nnU-Net): every training case's
 * measurements, the modalities and foreground labels from dataset.json, and, when some modality is
 * CT, the pooled foreground intensity statistics per channel.
 *
 * @param cases per-case measurements, in case-id order
 * @param modalities channel index to modality name, e.g. {@code 0 -> "CT"}
 * @param allClasses the foreground labels (> 0) the data set defines
 * @param intensityProperties channel index to statistics; empty when no modality is CT
 */
public record DatasetFingerprint(
        @JsonProperty("cases") List<CaseFingerprint> cases,
        @JsonProperty("modalities") Map<Integer, String> modalities,
        @JsonProperty("all_classes") List<Integer> allClasses,
        @JsonProperty("intensityproperties") Map<Integer, IntensityProperties> intensityProperties) {

    public DatasetFingerprint {
        cases = List.copyOf(Objects.requireNonNull(cases, "cases"));
        if (cases.isEmpty()) {
            throw new IllegalArgumentException("a fingerprint needs at least one case");
        }
        modalities = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(modalities, "modalities")));
        for (int i = 0; i < modalities.size(); i++) {
            if (!modalities.containsKey(i)) {
                throw new IllegalArgumentException("modalities must be numbered 0.." + (modalities.size() - 1)
                        + ", got " + modalities.keySet());
            }
        }
        allClasses = List.copyOf(allClasses);
        for (int c : allClasses) {
            if (c <= 0) {
                throw new IllegalArgumentException("all_classes holds foreground labels (> 0), got " + c);
            }
        }
        intensityProperties = intensityProperties == null ? Map.of()
                : Collections.unmodifiableMap(new TreeMap<>(intensityProperties));
    }

    @JsonIgnore
    public int numCases() {
        return cases.size();
    }

    @JsonIgnore
    public int numModalities() {
        return modalities.size();
    }

    /** Modality names in channel order. */
    @JsonIgnore
    public List<String> modalityList() {
        return new TreeMap<>(modalities).values().stream().toList();
    }

    /** Sizes after cropping, (z, y, x) per case, as nnU-Net's {@code all_sizes}. */
    @JsonIgnore
    public List<int[]> allSizes() {
        return cases.stream().map(CaseFingerprint::sizeAfterCrop).toList();
    }

    /** Original spacings, (z, y, x) per case, as nnU-Net's {@code all_spacings}. */
    @JsonIgnore
    public List<double[]> allSpacings() {
        return cases.stream().map(CaseFingerprint::originalSpacing).toList();
    }

    /** Case id to size reduction by cropping, as nnU-Net's {@code size_reductions}. */
    @JsonIgnore
    public Map<String, Double> sizeReductions() {
        Map<String, Double> m = new LinkedHashMap<>();
        cases.forEach(c -> m.put(c.caseId(), c.sizeReduction()));
        return m;
    }

    /** Whether nnU-Net would collect intensity statistics: some modality is named CT. */
    public static boolean anyCt(Map<Integer, String> modalities) {
        return modalities.values().stream().anyMatch(m -> m.equals("CT") || m.equals("ct"));
    }
}
