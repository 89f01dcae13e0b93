package dev.segfold.engine.plan;

import java.util.List;

/**
 * One case's contribution to the data-set fingerprint: its {@link CaseFingerprint} and, when
 * intensity statistics are collected, every 10th foreground voxel of each channel (nnU-Net pools
 * these over all cases before computing the CT statistics).
 *
 * @param fingerprint the per-case values
 * @param foregroundSamples per channel, the sampled voxel values; empty when not collected
 */
public record CaseAnalysis(CaseFingerprint fingerprint, List<float[]> foregroundSamples) {
    public CaseAnalysis {
        foregroundSamples = List.copyOf(foregroundSamples);
    }

    public static CaseAnalysis withoutSamples(CaseFingerprint fingerprint) {
        return new CaseAnalysis(fingerprint, List.of());
    }
}
