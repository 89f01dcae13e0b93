package dev.segfold.engine.preprocess;

import dev.segfold.engine.image.Volume;
import dev.segfold.engine.plan.NormalizationScheme;

/**
 * nnU-Net's intensity normalisation of one channel (GenericPreprocessor): CT clipping and
 * data-set z-score, or per-image z-score with {@code sigma + 1e-8}, optionally restricted to the
 * nonzero mask. Statistics are accumulated in double precision.
 */
public final class IntensityNormalizer {
    private IntensityNormalizer() {}

    /**
     * Normalises {@code channel} in place. {@code seg} (same shape, -1 outside the nonzero mask)
     * is needed only when the channel uses the mask.
     */
    public static void normalize(Volume channel, Volume seg, ChannelNormalization how) {
        float[] d = channel.data();
        float[] s = null;
        if (how.useMaskForNorm()) {
            if (seg == null || seg.size() != d.length) {
                throw new IllegalArgumentException("use_mask_for_norm needs the cropped segmentation of the same shape");
            }
            s = seg.data();
        }
        switch (how.scheme()) {
            case NO_NORM -> { }
            case CT -> {
                CtIntensityStats st = how.ctStats();
                double lo = st.percentile00_5();
                double hi = st.percentile99_5();
                for (int i = 0; i < d.length; i++) {
                    double v = d[i] < lo ? lo : (d[i] > hi ? hi : d[i]);
                    d[i] = (float) ((v - st.mean()) / st.sd());
                }
                if (s != null) {
                    for (int i = 0; i < d.length; i++) {
                        if (s[i] < 0) {
                            d[i] = 0f;
                        }
                    }
                }
            }
            case NON_CT -> zScore(d, s);
        }
    }

    private static void zScore(float[] d, float[] seg) {
        double sum = 0;
        long n = 0;
        for (int i = 0; i < d.length; i++) {
            if (seg == null || seg[i] >= 0) {
                sum += d[i];
                n++;
            }
        }
        if (n == 0) {
            // an empty mask: nothing inside to normalise, everything outside becomes 0
            java.util.Arrays.fill(d, 0f);
            return;
        }
        double mean = sum / n;
        double sq = 0;
        for (int i = 0; i < d.length; i++) {
            if (seg == null || seg[i] >= 0) {
                double t = d[i] - mean;
                sq += t * t;
            }
        }
        double sd = Math.sqrt(sq / n) + 1e-8;
        for (int i = 0; i < d.length; i++) {
            if (seg == null || seg[i] >= 0) {
                d[i] = (float) ((d[i] - mean) / sd);
            } else {
                d[i] = 0f;
            }
        }
    }
}
