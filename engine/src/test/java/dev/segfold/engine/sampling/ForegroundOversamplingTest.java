package dev.segfold.engine.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ForegroundOversamplingTest {
    private static final double P = ForegroundOversampling.NNUNET_PERCENT;

    @Test
    void forcedCountsMatchNnUNet() {
        assertEquals(0, ForegroundOversampling.forcedCount(1, P));
        assertEquals(1, ForegroundOversampling.forcedCount(2, P));
        assertEquals(1, ForegroundOversampling.forcedCount(3, P));
        assertEquals(3, ForegroundOversampling.forcedCount(9, P));
        assertEquals(4, ForegroundOversampling.forcedCount(12, P));
    }

    @Test
    void theLastSamplesAreTheForcedOnes() {
        for (int j = 0; j < 6; j++) {
            assertFalse(ForegroundOversampling.isForced(j, 9, P), "sample " + j);
        }
        for (int j = 6; j < 9; j++) {
            assertTrue(ForegroundOversampling.isForced(j, 9, P), "sample " + j);
        }
    }

    @Test
    void roundsHalfToEvenLikePython() {
        // 0.5 * 5 = 2.5 rounds to 2 in Python, so samples 2, 3, 4 are forced
        assertEquals(3, ForegroundOversampling.forcedCount(5, 0.5));
        // 0.5 * 3 = 1.5 rounds to 2: one forced
        assertEquals(1, ForegroundOversampling.forcedCount(3, 0.5));
    }
}
