package dev.segfold.engine.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pools per-case analyses into the {@link DatasetFingerprint}. Pure: no I/O, so the per-case work
 * can run anywhere (in parallel, on other machines) and only the analyses travel.
 */
public final class FingerprintAggregator {
    private FingerprintAggregator() {
    }

    /**
     * Intensity statistics are computed for every channel when some modality is CT (nnU-Net
     * collects them for all channels then, and only CT channels use them), from the foreground
     * samples pooled over all cases; no statistics otherwise.
     *
     * @param labels the foreground labels of dataset.json (background 0 may be included; it is dropped)
     * @throws IllegalArgumentException when case ids repeat, or CT statistics are needed and a case
     *     lacks samples for some channel
     */
    public static DatasetFingerprint aggregate(
            List<CaseAnalysis> analyses, Map<Integer, String> modalities, List<Integer> labels) {
        List<CaseAnalysis> sorted = new ArrayList<>(analyses);
        sorted.sort(Comparator.comparing(a -> a.fingerprint().caseId()));
        Set<String> seen = new HashSet<>();
        for (CaseAnalysis a : sorted) {
            if (!seen.add(a.fingerprint().caseId())) {
                throw new IllegalArgumentException("case " + a.fingerprint().caseId() + " appears twice");
            }
        }
        Map<Integer, IntensityProperties> intensities = new LinkedHashMap<>();
        if (DatasetFingerprint.anyCt(modalities)) {
            for (int channel = 0; channel < modalities.size(); channel++) {
                intensities.put(channel, IntensityProperties.of(pooled(sorted, channel)));
            }
        }
        List<Integer> foreground = labels.stream().filter(l -> l > 0).sorted().distinct().toList();
        return new DatasetFingerprint(sorted.stream().map(CaseAnalysis::fingerprint).toList(), modalities,
                foreground, intensities);
    }

    private static double[] pooled(List<CaseAnalysis> analyses, int channel) {
        int n = 0;
        for (CaseAnalysis a : analyses) {
            if (a.foregroundSamples().size() <= channel) {
                throw new IllegalArgumentException(a.fingerprint().caseId()
                        + ": no foreground samples for channel " + channel + ", needed for CT statistics");
            }
            n += a.foregroundSamples().get(channel).length;
        }
        double[] all = new double[n];
        int k = 0;
        for (CaseAnalysis a : analyses) {
            for (float v : a.foregroundSamples().get(channel)) {
                all[k++] = v;
            }
        }
        return all;
    }
}
