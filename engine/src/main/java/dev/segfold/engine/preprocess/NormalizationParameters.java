package dev.segfold.engine.preprocess;

import java.util.List;

/**
 * The normalisation part of the plans, one entry per input channel in modality order: what
 * {@link CasePreprocessor} needs, without depending on how the plans are read.
 *
 * @param channels per channel scheme, CT statistics and mask use
 */
public record NormalizationParameters(List<ChannelNormalization> channels) {
    public NormalizationParameters {
        if (channels == null || channels.isEmpty()) {
            throw new IllegalArgumentException("normalization parameters need at least one channel");
        }
        channels = List.copyOf(channels);
    }

    /** Every one of {@code n} channels z-scored per image, with or without the mask. */
    public static NormalizationParameters allNonCt(int n, boolean useMaskForNorm) {
        return new NormalizationParameters(java.util.Collections.nCopies(n, ChannelNormalization.nonCt(useMaskForNorm)));
    }

    public int size() {
        return channels.size();
    }

    public ChannelNormalization channel(int c) {
        return channels.get(c);
    }
}
