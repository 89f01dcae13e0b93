package dev.segfold.engine.preprocess;

import dev.segfold.engine.plan.NormalizationScheme;

/**
 * How one input channel is normalised.
 *
 * @param scheme the plans' scheme for the channel
 * @param ctStats the fingerprint statistics; required for {@link NormalizationScheme#CT}, else null
 * @param useMaskForNorm the plans' {@code use_mask_for_norm}: statistics only inside the nonzero
 *     mask (seg >= 0) and 0 outside
 */
public record ChannelNormalization(NormalizationScheme scheme, CtIntensityStats ctStats, boolean useMaskForNorm) {
    public ChannelNormalization {
        if (scheme == null) {
            throw new IllegalArgumentException("normalization scheme is required");
        }
        if (scheme == NormalizationScheme.CT && ctStats == null) {
            throw new IllegalArgumentException("CT normalization needs the fingerprint's intensity stats");
        }
    }

    /** Per-image z-score, optionally inside the nonzero mask. */
    public static ChannelNormalization nonCt(boolean useMaskForNorm) {
        return new ChannelNormalization(NormalizationScheme.NON_CT, null, useMaskForNorm);
    }

    /** CT clipping and z-score with the data set's statistics (never masked in nnU-Net's plans). */
    public static ChannelNormalization ct(CtIntensityStats stats) {
        return new ChannelNormalization(NormalizationScheme.CT, stats, false);
    }
}
