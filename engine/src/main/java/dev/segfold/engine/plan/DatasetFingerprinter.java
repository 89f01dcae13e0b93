package dev.segfold.engine.plan;

import dev.segfold.engine.dataset.RawCase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fingerprints a whole data set in one pass: each case is measured as it comes (so only one raw
 * case need be in memory at a time) and the results pooled. Foreground samples are kept only when
 * some modality is CT, the only case where nnU-Net computes intensity statistics.
 */
public final class DatasetFingerprinter {
    private DatasetFingerprinter() {
    }

    /**
     * @param cases the labelled training cases, in any order
     * @param modalities dataset.json's {@code modality}: channel index to name
     * @param labels dataset.json's label values (background 0 may be included)
     */
    public static DatasetFingerprint fingerprint(
            Iterable<RawCase> cases, Map<Integer, String> modalities, List<Integer> labels) {
        boolean samples = DatasetFingerprint.anyCt(modalities);
        List<CaseAnalysis> analyses = new ArrayList<>();
        for (RawCase c : cases) {
            if (c.channels().length != modalities.size()) {
                throw new IllegalArgumentException(c.caseId() + ": has " + c.channels().length
                        + " channel(s), dataset.json names " + modalities.size() + " modalities");
            }
            analyses.add(CaseFingerprinter.analyze(c, samples));
        }
        return FingerprintAggregator.aggregate(analyses, modalities, labels);
    }
}
