package dev.segfold.engine.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.engine.image.Volume;
import org.junit.jupiter.api.Test;

class NonzeroCropTest {
    @Test
    void enclosedCavityIsFilledButACavityOpenToTheBorderIsNot() {
        int n = 9;
        boolean[] mask = new boolean[n * n * n];
        int[] shape = {n, n, n};
        // a hollow cube shell from 1..7 with its cavity 2..6
        for (int z = 1; z <= 7; z++) {
            for (int y = 1; y <= 7; y++) {
                for (int x = 1; x <= 7; x++) {
                    boolean shell = z == 1 || z == 7 || y == 1 || y == 7 || x == 1 || x == 7;
                    mask[(z * n + y) * n + x] = shell;
                }
            }
        }
        boolean[] filled = mask.clone();
        NonzeroMask.fillHoles(filled, shape);
        assertTrue(filled[(4 * n + 4) * n + 4], "enclosed centre is filled");
        assertFalse(filled[0], "outside stays background");

        // punch a one-voxel tunnel from the cavity through the x = 7 wall and to the border
        mask[(4 * n + 4) * n + 7] = false;
        boolean[] open = mask.clone();
        NonzeroMask.fillHoles(open, shape);
        assertFalse(open[(4 * n + 4) * n + 4], "cavity connected to the outside is not a hole");
    }

    @Test
    void voxelEnclosedOnlyByItsSixFaceNeighboursIsAHole() {
        // background touching the centre only through edges and corners does not reach it with
        // scipy's default 6-connectivity, so the centre is filled (with 26-connectivity it would not be)
        int[] shape = {3, 3, 3};
        boolean[] mask = new boolean[27];
        int[][] faces = {{0, 1, 1}, {2, 1, 1}, {1, 0, 1}, {1, 2, 1}, {1, 1, 0}, {1, 1, 2}};
        for (int[] f : faces) {
            mask[(f[0] * 3 + f[1]) * 3 + f[2]] = true;
        }
        NonzeroMask.fillHoles(mask, shape);
        assertTrue(mask[13], "centre is a hole under 6-connectivity");
        assertFalse(mask[0], "corner stays background");
    }

    @Test
    void cropsToTheBoxAndMarksOutsideBackgroundMinusOne() {
        Volume img = Volume.zeros(6, 7, 8);
        Volume seg = Volume.zeros(6, 7, 8);
        for (int z = 1; z <= 4; z++) {
            for (int y = 2; y <= 5; y++) {
                for (int x = 3; x <= 6; x++) {
                    boolean corner = z == 1 && y == 2 && x == 3;
                    if (!corner) {
                        img.set(z, y, x, 10 + z + y + x);
                    }
                }
            }
        }
        seg.set(2, 3, 4, 1);
        seg.set(1, 2, 3, 2); // label on a zero voxel outside the mask keeps its label
        NonzeroCrop.Result r = NonzeroCrop.crop(new Volume[] {img}, seg);
        assertArrayEquals(new int[][] {{1, 5}, {2, 6}, {3, 7}}, r.box());
        assertArrayEquals(new int[] {4, 4, 4}, r.channels()[0].shape());
        assertEquals(img.get(3, 4, 5), r.channels()[0].get(2, 2, 2));
        assertEquals(1f, r.seg().get(1, 1, 1));
        assertEquals(2f, r.seg().get(0, 0, 0));
        // voxel (1,2,4) is inside the mask: background 0
        assertEquals(0f, r.seg().get(0, 0, 1));
    }

    @Test
    void backgroundOutsideTheMaskInsideTheBoxIsMinusOne() {
        Volume img = Volume.zeros(3, 3, 3);
        img.set(0, 0, 0, 1);
        img.set(2, 2, 2, 1);
        NonzeroCrop.Result r = NonzeroCrop.crop(new Volume[] {img}, null);
        assertArrayEquals(new int[][] {{0, 3}, {0, 3}, {0, 3}}, r.box());
        assertEquals(0f, r.seg().get(0, 0, 0));
        assertEquals(-1f, r.seg().get(1, 1, 1));
    }

    @Test
    void anyChannelCountsForTheMask() {
        Volume a = Volume.zeros(4, 4, 4);
        Volume b = Volume.zeros(4, 4, 4);
        a.set(1, 1, 1, 5);
        b.set(2, 3, 2, -5);
        NonzeroCrop.Result r = NonzeroCrop.crop(new Volume[] {a, b}, null);
        assertArrayEquals(new int[][] {{1, 3}, {1, 4}, {1, 3}}, r.box());
    }

    @Test
    void cropUncropRoundTripRestoresLabels() {
        Volume labels = Volume.zeros(5, 6, 7);
        float[] d = labels.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (i * 7) % 3;
        }
        int[][] box = {{1, 4}, {0, 6}, {2, 5}};
        Volume part = CropBox.crop(labels, box);
        Volume back = CropBox.uncrop(part, box, labels.shape(), 0f);
        for (int z = 0; z < 5; z++) {
            for (int y = 0; y < 6; y++) {
                for (int x = 0; x < 7; x++) {
                    boolean inside = z >= 1 && z < 4 && x >= 2 && x < 5;
                    assertEquals(inside ? labels.get(z, y, x) : 0f, back.get(z, y, x));
                }
            }
        }
        assertThrows(IllegalArgumentException.class, () -> CropBox.crop(labels, new int[][] {{0, 6}, {0, 6}, {0, 7}}));
    }

    @Test
    void theBoxOfTheChannelsIsTheBoxOfTheFilledMask() {
        java.util.Random r = new java.util.Random(5);
        for (int trial = 0; trial < 20; trial++) {
            int[] shape = {2 + r.nextInt(6), 2 + r.nextInt(6), 2 + r.nextInt(6)};
            Volume[] channels = {Volume.zeros(shape), Volume.zeros(shape)};
            int nonzero = r.nextInt(6);
            for (int k = 0; k < nonzero; k++) {
                channels[r.nextInt(2)].data()[r.nextInt(channels[0].size())] = r.nextBoolean() ? 1f : Float.NaN;
            }
            assertArrayEquals(NonzeroMask.boundingBox(NonzeroMask.of(channels), shape),
                    NonzeroMask.boundingBox(channels), "trial " + trial);
        }
        Volume empty = Volume.zeros(3, 4, 5);
        assertArrayEquals(new int[][] {{0, 3}, {0, 4}, {0, 5}}, NonzeroMask.boundingBox(new Volume[] {empty}));
    }
}
