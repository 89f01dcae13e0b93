package dev.segfold.engine.split;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.segfold.engine.testsupport.PythonPeer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class Mt19937Test {

    @Test
    void firstOutputsMatchNumpyLegacySeeding() {
        // np.random.MT19937()._legacy_seeding(12345); random_raw(...) with numpy 1.24
        Mt19937 rng = new Mt19937(12345);
        long[] first = new long[5];
        for (int i = 0; i < 5; i++) {
            first[i] = rng.nextUint32();
        }
        assertArrayEquals(new long[] {3992670690L, 3823185381L, 1358822685L, 561383553L, 789925284L}, first);
    }

    @Test
    void outputsAcrossStateRegenerationsMatchNumpy() {
        Mt19937 rng = new Mt19937(12345);
        long[] raw = new long[2000];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = rng.nextUint32();
        }
        assertEquals(2940097750L, raw[623]);
        assertEquals(3957348375L, raw[624]);
        assertEquals(3374551203L, raw[1999]);
    }

    @Test
    void referenceSeed5489GivesTheCanonicalFirstOutput() {
        assertEquals(3499211612L, new Mt19937(5489).nextUint32());
    }

    @Test
    void shuffleMatchesNumpyPermutation() {
        // np.random.RandomState(12345).permutation(41)
        int[] expected = {32, 19, 2, 21, 5, 25, 3, 28, 0, 4, 12, 33, 15, 8, 35, 30, 20, 24, 7, 6, 26, 17, 10, 13,
            11, 31, 18, 16, 22, 23, 27, 9, 14, 39, 38, 40, 36, 1, 29, 37, 34};
        int[] idx = new int[41];
        Arrays.setAll(idx, i -> i);
        new Mt19937(12345).shuffle(idx);
        assertArrayEquals(expected, idx);
    }

    @Test
    void shufflesMatchNumpyPeerForManySizesAndSeeds() {
        PythonPeer.assumeModules("numpy");
        int[] sizes = {1, 2, 3, 7, 64, 65, 260, 1000};
        long[] seeds = {0, 1, 12345, 4294967295L};
        StringBuilder script = new StringBuilder("import numpy as np\n");
        for (long seed : seeds) {
            for (int n : sizes) {
                script.append("print(' '.join(map(str, np.random.RandomState(").append(seed)
                        .append(").permutation(").append(n).append("))))\n");
            }
        }
        String[] lines = PythonPeer.run(script.toString()).strip().split("\n");
        int line = 0;
        for (long seed : seeds) {
            for (int n : sizes) {
                int[] idx = new int[n];
                Arrays.setAll(idx, i -> i);
                new Mt19937(seed).shuffle(idx);
                int[] expected = Arrays.stream(lines[line++].trim().split(" ")).mapToInt(Integer::parseInt).toArray();
                assertArrayEquals(expected, idx, "seed " + seed + ", n " + n);
            }
        }
    }

    @Test
    void randomIntervalStaysInRange() {
        Mt19937 rng = new Mt19937(7);
        for (int i = 0; i < 10_000; i++) {
            long v = rng.randomInterval(5);
            if (v < 0 || v > 5) {
                throw new AssertionError("out of range: " + v);
            }
        }
        assertEquals(0, rng.randomInterval(0));
    }

    @Test
    void rejectsSeedsNumpyRejects() {
        assertThrows(IllegalArgumentException.class, () -> new Mt19937(-1));
        assertThrows(IllegalArgumentException.class, () -> new Mt19937(1L << 32));
    }
}
