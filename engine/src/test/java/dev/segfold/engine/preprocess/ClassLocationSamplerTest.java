package dev.segfold.engine.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.engine.image.Volume;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClassLocationSamplerTest {
    @Test
    void sampleCountFollowsNnUnet() {
        assertEquals(5, ClassLocationSampler.sampleCount(5));
        assertEquals(10000, ClassLocationSampler.sampleCount(10000));
        assertEquals(10000, ClassLocationSampler.sampleCount(500_000));
        assertEquals(20000, ClassLocationSampler.sampleCount(2_000_000));
        assertEquals(10001, ClassLocationSampler.sampleCount(1_000_001));
    }

    @Test
    void samplesDistinctVoxelsOfTheRightClassReproducibly() {
        Volume seg = Volume.zeros(30, 40, 50);
        float[] s = seg.data();
        for (int i = 0; i < s.length; i++) {
            s[i] = i % 7 == 0 ? 1 : (i % 11 == 0 ? 2 : (i % 13 == 0 ? -1 : 0));
        }
        Map<Integer, int[][]> a = ClassLocationSampler.sample(seg, new int[] {1, 2, 3}, 1234);
        Map<Integer, int[][]> b = ClassLocationSampler.sample(seg, new int[] {1, 2, 3}, 1234);
        int n1 = (int) Arrays.stream(toInts(s)).filter(v -> v == 1).count();
        assertEquals(ClassLocationSampler.sampleCount(n1), a.get(1).length);
        assertEquals(0, a.get(3).length);
        for (int c : new int[] {1, 2}) {
            Set<Integer> seen = new HashSet<>();
            for (int[] p : a.get(c)) {
                assertEquals(c, (int) seg.get(p[0], p[1], p[2]));
                assertTrue(seen.add(seg.index(p[0], p[1], p[2])), "duplicate location");
            }
            assertTrue(Arrays.deepEquals(a.get(c), b.get(c)), "same seed, same sample");
        }
    }

    private static int[] toInts(float[] f) {
        int[] r = new int[f.length];
        for (int i = 0; i < f.length; i++) {
            r[i] = (int) f[i];
        }
        return r;
    }
}
