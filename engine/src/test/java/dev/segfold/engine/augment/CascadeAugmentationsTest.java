package dev.segfold.engine.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.engine.augment.RandomBinaryOperator.Operation;
import dev.segfold.engine.image.Volume;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CascadeAugmentationsTest {
    @Test
    void previousStageBecomesOneHotDataChannels() {
        int[] shape = {2, 3, 4};
        Volume prev = Volume.zeros(shape);
        prev.data()[0] = 1;
        prev.data()[1] = 2;
        prev.data()[2] = 2;
        Volume gt = Volumes.labels(shape);
        Volume img = Volumes.random(shape, 1);
        Sample s = new Sample(new Volume[] {img}, new Volume[] {gt, prev});
        new PreviousStageOneHot(new int[] {1, 2}).apply(s, new SplittableRandom(0));
        assertEquals(3, s.data().length);
        assertEquals(1, s.seg().length);
        assertEquals(gt, s.seg()[0]);
        assertEquals(img, s.data()[0]);
        float[] one = new float[24];
        one[0] = 1;
        float[] two = new float[24];
        two[1] = 1;
        two[2] = 1;
        assertArrayEquals(one, s.data()[1].data());
        assertArrayEquals(two, s.data()[2].data());
    }

    @Test
    void oneHotWithoutThePreviousStageSaysWhatIsMissing() {
        Sample s = new Sample(new Volume[] {Volume.zeros(1, 1, 1)}, new Volume[] {Volume.zeros(1, 1, 1)});
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new PreviousStageOneHot(new int[] {1}).apply(s, new SplittableRandom(0)));
        assertTrue(e.getMessage().contains("channel 1"), e.getMessage());
    }

    @Test
    void morphologyMatchesBruteForceBallOperations() {
        int[] shape = {9, 10, 11};
        SplittableRandom rng = new SplittableRandom(2);
        for (int trial = 0; trial < 6; trial++) {
            boolean[] mask = new boolean[shape[0] * shape[1] * shape[2]];
            for (int i = 0; i < mask.length; i++) {
                mask[i] = rng.nextDouble() < (trial < 3 ? 0.05 : 0.7);
            }
            double radius = rng.nextDouble(1, 3.5);
            assertArrayEquals(bruteDilate(mask, shape, radius), BallMorphology.dilate(mask, shape, radius),
                    "dilation r=" + radius);
            assertArrayEquals(bruteErode(mask, shape, radius), BallMorphology.erode(mask, shape, radius),
                    "erosion r=" + radius);
        }
    }

    @Test
    void dilatingOneVoxelGivesTheBall() {
        int[] shape = {11, 11, 11};
        boolean[] mask = new boolean[11 * 11 * 11];
        mask[(5 * 11 + 5) * 11 + 5] = true;
        int count = 0;
        for (boolean b : BallMorphology.dilate(mask, shape, 1)) {
            count += b ? 1 : 0;
        }
        assertEquals(7, count, "radius 1: the centre and its 6 face neighbours");
        count = 0;
        for (boolean b : BallMorphology.dilate(mask, shape, 2)) {
            count += b ? 1 : 0;
        }
        assertEquals(33, count, "radius 2 ball (skimage ball(2).sum() == 33)");
    }

    @Test
    void binaryOperatorKeepsChannelsOneHotAndBinary() {
        int[] shape = {12, 12, 12};
        for (int seed = 0; seed < 10; seed++) {
            Volume prev = Volume.zeros(shape);
            for (int z = 0; z < 12; z++) {
                for (int y = 0; y < 12; y++) {
                    for (int x = 0; x < 12; x++) {
                        prev.set(z, y, x, x < 4 ? 0 : x < 8 ? 1 : 2);
                    }
                }
            }
            Sample s = new Sample(new Volume[] {Volumes.random(shape, seed)}, new Volume[] {Volume.zeros(shape), prev});
            new PreviousStageOneHot(new int[] {1, 2}).apply(s, new SplittableRandom(seed));
            Volume before1 = s.data()[1].copy();
            new RandomBinaryOperator(2, 1, 1, 1, 8).apply(s, new SplittableRandom(seed));
            for (int i = 0; i < prev.size(); i++) {
                float a = s.data()[1].data()[i];
                float b = s.data()[2].data()[i];
                assertTrue((a == 0 || a == 1) && (b == 0 || b == 1), "binary");
                assertTrue(a + b <= 1, "one-hot: at most one label per voxel");
            }
            assertTrue(!java.util.Arrays.equals(before1.data(), s.data()[1].data())
                    || !java.util.Arrays.equals(prev.data(), s.data()[2].data()), "seed " + seed + " changed something");
        }
    }

    @Test
    void closingAndOpeningComposeDilationAndErosion() {
        int[] shape = {8, 8, 8};
        SplittableRandom rng = new SplittableRandom(3);
        boolean[] mask = new boolean[512];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = rng.nextDouble() < 0.4;
        }
        assertArrayEquals(BallMorphology.erode(BallMorphology.dilate(mask, shape, 1.5), shape, 1.5),
                BallMorphology.apply(Operation.CLOSING, mask, shape, 1.5));
        assertArrayEquals(BallMorphology.dilate(BallMorphology.erode(mask, shape, 1.5), shape, 1.5),
                BallMorphology.apply(Operation.OPENING, mask, shape, 1.5));
    }

    private static boolean[] bruteDilate(boolean[] m, int[] s, double r) {
        return brute(m, s, r, true);
    }

    private static boolean[] bruteErode(boolean[] m, int[] s, double r) {
        return brute(m, s, r, false);
    }

    /** Dilation: any in-volume neighbour within r set. Erosion: every neighbour within r (outside = 0) set. */
    private static boolean[] brute(boolean[] m, int[] s, double r, boolean dilate) {
        int R = (int) Math.floor(r);
        boolean[] out = new boolean[m.length];
        for (int z = 0; z < s[0]; z++) {
            for (int y = 0; y < s[1]; y++) {
                for (int x = 0; x < s[2]; x++) {
                    boolean any = false;
                    boolean all = true;
                    for (int dz = -R; dz <= R; dz++) {
                        for (int dy = -R; dy <= R; dy++) {
                            for (int dx = -R; dx <= R; dx++) {
                                if (dz * dz + dy * dy + dx * dx > r * r) {
                                    continue;
                                }
                                int zz = z + dz;
                                int yy = y + dy;
                                int xx = x + dx;
                                boolean inside = zz >= 0 && zz < s[0] && yy >= 0 && yy < s[1] && xx >= 0 && xx < s[2];
                                boolean v = inside && m[(zz * s[1] + yy) * s[2] + xx];
                                any |= v;
                                all &= v;
                            }
                        }
                    }
                    out[(z * s[1] + y) * s[2] + x] = dilate ? any : all;
                }
            }
        }
        return out;
    }
}
