package dev.segfold.engine.augment;

import java.util.SplittableRandom;

/** The two ways batchgenerators draws a parameter from a range. */
final class RandomDraws {
    private RandomDraws() {}

    /** Uniform in [lo, hi); lo when the range is empty, like numpy's uniform. */
    static double uniform(SplittableRandom rng, double lo, double hi) {
        return hi > lo ? rng.nextDouble(lo, hi) : lo;
    }

    /**
     * batchgenerators' draw for factors around one (scale, contrast, gamma): with probability 1/2
     * (and only if lo &lt; 1) uniform in [lo, 1), otherwise uniform in [max(lo, 1), hi), so that
     * shrinking and growing are equally likely however lopsided the range is.
     */
    static double belowOrAboveOne(SplittableRandom rng, double lo, double hi) {
        if (rng.nextDouble() < 0.5 && lo < 1) {
            return uniform(rng, lo, 1);
        }
        return uniform(rng, Math.max(lo, 1), hi);
    }
}
