package dev.segfold.engine.sampling;

/**
 * nnU-Net's foreground oversampling rule: in a batch of b, sample j is forced to contain
 * foreground iff j &gt;= round(b * (1 - 0.33)), Python's round (half to even). So batch 2 forces 1,
 * batch 9 forces 3, and batch 1 forces none.
 */
public final class ForegroundOversampling {
    /** nnU-Net's {@code oversample_foreground_percent}. */
    public static final double NNUNET_PERCENT = 0.33;

    private ForegroundOversampling() {}

    /** Whether sample {@code j} of a batch of {@code batchSize} must contain foreground. */
    public static boolean isForced(int j, int batchSize, double percent) {
        return j >= Math.rint(batchSize * (1 - percent));
    }

    /** How many samples of a batch are forced. */
    public static int forcedCount(int batchSize, double percent) {
        int n = 0;
        for (int j = 0; j < batchSize; j++) {
            if (isForced(j, batchSize, percent)) {
                n++;
            }
        }
        return n;
    }
}
