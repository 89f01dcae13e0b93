package dev.segfold.engine.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds synthetic fingerprints for planner tests. */
public final class Fingerprints {
    private Fingerprints() {
    }

    /** {@code n} cases with the same size, spacing and size reduction. */
    static DatasetFingerprint uniform(int n, int[] size, double[] spacing, Map<Integer, String> modalities,
            List<Integer> classes, double reduction) {
        List<CaseFingerprint> cases = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            cases.add(new CaseFingerprint(String.format("case_%03d", i), size, spacing,
                    classes.stream().mapToInt(Integer::intValue).toArray(), reduction));
        }
        return new DatasetFingerprint(cases, modalities, classes, Map.of());
    }

    static DatasetFingerprint of(List<double[]> spacings, List<int[]> sizes, List<Double> reductions,
            Map<Integer, String> modalities, List<Integer> classes) {
        List<CaseFingerprint> cases = new ArrayList<>();
        for (int i = 0; i < spacings.size(); i++) {
            cases.add(new CaseFingerprint(String.format("case_%03d", i), sizes.get(i), spacings.get(i),
                    new int[] {1}, reductions.get(i)));
        }
        return new DatasetFingerprint(cases, modalities, classes, Map.of());
    }

    /** MSD Task04 as nnU-Net sees it: 260 cases, 1 mm, median 36x50x35, MRI, labels 1 and 2. */
    public static DatasetFingerprint hippocampus() {
        return uniform(260, new int[] {36, 50, 35}, new double[] {1, 1, 1}, Map.of(0, "MRI"), List.of(1, 2), 1.0);
    }
}
