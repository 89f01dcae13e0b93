package dev.segfold.engine.resample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.engine.image.Volume;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Properties of the resizers that hold without a Python peer. */
class VolumeResizerTest {
    @Test
    void constantVolumeStaysConstantForEveryOrder() {
        Volume v = Volume.zeros(5, 6, 7);
        Arrays.fill(v.data(), 3.25f);
        for (Interpolation order : Interpolation.values()) {
            Volume r = VolumeResizer.resize(v, new int[] {9, 4, 13}, order);
            for (float f : r.data()) {
                assertEquals(3.25f, f, 1e-5f, order.name());
            }
        }
    }

    @Test
    void linearReproducesARampAwayFromTheBorder() {
        Volume v = Volume.zeros(1, 1, 10);
        for (int x = 0; x < 10; x++) {
            v.set(0, 0, x, x);
        }
        Volume r = VolumeResizer.resize(v, new int[] {1, 1, 20}, Interpolation.LINEAR);
        // output i samples source (i + 0.5)/2 - 0.5; edge values beyond [0, 9]
        for (int i = 0; i < 20; i++) {
            double c = Math.min(9, Math.max(0, (i + 0.5) / 2 - 0.5));
            assertEquals(c, r.get(0, 0, i), 1e-6, "x=" + i);
        }
    }

    @Test
    void cubicIsClippedToTheInputRange() {
        Volume v = Volume.zeros(1, 1, 12);
        v.set(0, 0, 6, 1f); // a spike rings with a cubic spline
        Volume r = VolumeResizer.resize(v, new int[] {1, 1, 37}, Interpolation.CUBIC);
        double min = Double.MAX_VALUE;
        for (float f : r.data()) {
            min = Math.min(min, f);
            assertTrue(f >= 0f && f <= 1f, "value " + f + " outside [0, 1]");
        }
        assertEquals(0.0, min, 0.0, "negative ringing is clipped to the input minimum");
    }

    @Test
    void sameShapeIsACopy() {
        Volume v = VolumeResizerTest.random(new int[] {3, 4, 5}, 1);
        Volume r = VolumeResizer.resize(v, v.shape(), Interpolation.CUBIC);
        assertArrayEquals(v.data(), r.data());
        r.data()[0] = 42f;
        assertTrue(v.data()[0] != 42f);
    }

    @Test
    void labelResizeByIntegerFactorKeepsLabelsAndNearestDownsampling() {
        Volume labels = Volume.zeros(4, 4, 4);
        for (int z = 0; z < 4; z++) {
            for (int y = 0; y < 4; y++) {
                for (int x = 0; x < 4; x++) {
                    labels.set(z, y, x, x < 2 ? 1 : (z < 2 ? -1 : 2));
                }
            }
        }
        Volume up = LabelResizer.resize(labels, new int[] {8, 8, 8});
        for (int z = 0; z < 8; z++) {
            for (int y = 0; y < 8; y++) {
                for (int x = 0; x < 8; x++) {
                    assertEquals(labels.get(z / 2, y / 2, x / 2), up.get(z, y, x), "at " + z + "," + y + "," + x);
                }
            }
        }
        Volume back = LabelResizer.resize(up, new int[] {4, 4, 4});
        assertArrayEquals(labels.data(), back.data());
    }

    @Test
    void isFastOnAPatchSizedVolume() {
        Volume v = random(new int[] {40, 56, 40}, 3);
        VolumeResizer.resize(v, new int[] {48, 50, 44}, Interpolation.CUBIC); // warm-up
        long t0 = System.nanoTime();
        Volume r = VolumeResizer.resize(v, new int[] {48, 50, 44}, Interpolation.CUBIC);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertArrayEquals(new int[] {48, 50, 44}, r.shape());
        // milliseconds in practice; the bound only catches an accidental O(n^2) on a loaded machine
        assertTrue(ms < 2000, "40x56x40 cubic resize took " + ms + " ms");
    }

    static Volume random(int[] shape, long seed) {
        Random rnd = new Random(seed);
        Volume v = Volume.zeros(shape);
        float[] d = v.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = rnd.nextFloat();
        }
        return v;
    }
}
