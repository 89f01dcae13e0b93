package dev.segfold.engine.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.engine.image.Volume;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LabelAndMirrorTest {
    private static final int[] SHAPE = {3, 4, 5};

    @Test
    void flipReversesExactlyOneAxis() {
        Volume v = Volumes.random(SHAPE, 1);
        for (int axis = 0; axis < 3; axis++) {
            Volume f = v.copy();
            Mirror.flip(f, axis);
            for (int z = 0; z < 3; z++) {
                for (int y = 0; y < 4; y++) {
                    for (int x = 0; x < 5; x++) {
                        int[] src = {z, y, x};
                        src[axis] = SHAPE[axis] - 1 - src[axis];
                        assertEquals(v.get(src[0], src[1], src[2]), f.get(z, y, x));
                    }
                }
            }
        }
    }

    @Test
    void mirrorFlipsDataAndSegTogetherAndVisitsEveryCombination() {
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        Volume data = Volumes.random(SHAPE, 2);
        Volume seg = Volumes.random(SHAPE, 3);
        for (int seed = 0; seed < 64; seed++) {
            Sample s = new Sample(new Volume[] {data.copy()}, new Volume[] {seg.copy()});
            new Mirror(new int[] {0, 1, 2}, 0.5).apply(s, new SplittableRandom(seed));
            int match = -1;
            for (int combo = 0; combo < 8; combo++) {
                if (java.util.Arrays.equals(flipped(data, combo).data(), s.data()[0].data())) {
                    match = combo;
                }
            }
            assertTrue(match >= 0, "output is data flipped along some axes, seed " + seed);
            assertArrayEquals(flipped(seg, match).data(), s.seg()[0].data(), "seg follows data, seed " + seed);
            seen.add(match);
        }
        assertEquals(8, seen.size(), "all 8 flip combinations occur: " + seen);
    }

    /** {@code v} flipped along the axes whose bits are set in {@code combo}. */
    private static Volume flipped(Volume v, int combo) {
        Volume c = v.copy();
        for (int axis = 0; axis < 3; axis++) {
            if ((combo >> axis & 1) == 1) {
                Mirror.flip(c, axis);
            }
        }
        return c;
    }

    @Test
    void maskZeroesOnlyFlaggedChannelsOutsideTheNonzeroMask() {
        Volume a = Volumes.random(SHAPE, 4);
        Volume b = Volumes.random(SHAPE, 5);
        Volume b0 = b.copy();
        Volume seg = Volume.zeros(SHAPE);
        seg.data()[0] = -1;
        seg.data()[5] = -1;
        seg.data()[6] = 2;
        float keep = a.data()[6];
        Sample s = new Sample(new Volume[] {a, b}, new Volume[] {seg});
        new MaskOutsideNonzero(new boolean[] {true, false}).apply(s, new SplittableRandom(0));
        assertEquals(0f, a.data()[0]);
        assertEquals(0f, a.data()[5]);
        assertEquals(keep, a.data()[6]);
        assertArrayEquals(b0.data(), b.data());
    }

    @Test
    void removeLabelTurnsMinusOneIntoBackgroundInEverySegChannel() {
        Volume s0 = Volume.zeros(SHAPE);
        Volume s1 = Volume.zeros(SHAPE);
        s0.data()[0] = -1;
        s0.data()[1] = 2;
        s1.data()[2] = -1;
        Sample s = new Sample(new Volume[] {Volume.zeros(SHAPE)}, new Volume[] {s0, s1});
        new RemoveLabel(-1, 0).apply(s, new SplittableRandom(0));
        assertEquals(0f, s0.data()[0]);
        assertEquals(2f, s0.data()[1]);
        assertEquals(0f, s1.data()[2]);
        assertTrue(Volumes.min(s0.data()) >= 0 && Volumes.min(s1.data()) >= 0);
    }
}
