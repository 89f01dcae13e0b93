package dev.segfold.engine.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.engine.dataset.RawCase;
import dev.segfold.engine.image.Volume;
import org.junit.jupiter.api.Test;

class CaseFingerprinterTest {

    /** 10x12x14 image, nonzero only in z 2..7, y 3..8, x 4..11 (channel 0) plus one voxel of channel 1. */
    private static RawCase croppableCase() {
        Volume c0 = Volume.zeros(10, 12, 14);
        Volume c1 = Volume.zeros(10, 12, 14);
        Volume seg = Volume.zeros(10, 12, 14);
        for (int z = 2; z < 8; z++) {
            for (int y = 3; y < 9; y++) {
                for (int x = 4; x < 10; x++) {
                    c0.set(z, y, x, 100 + z * 100 + y * 10 + x);
                    c1.set(z, y, x, -(z * 100 + y * 10 + x));
                }
            }
        }
        // a hole inside the box and a channel-1-only voxel extending x to 11
        c0.set(4, 5, 6, 0);
        c1.set(4, 5, 6, 0);
        c1.set(5, 5, 11, 7);
        // labels: 2 in a small block, and a label 1 voxel outside the nonzero box (cropped away)
        for (int z = 3; z < 5; z++) {
            for (int y = 4; y < 7; y++) {
                for (int x = 5; x < 9; x++) {
                    seg.set(z, y, x, 2);
                }
            }
        }
        seg.set(0, 0, 0, 1);
        return new RawCase("c1", new Volume[] {c0, c1}, seg, new double[] {3, 0.8, 0.7});
    }

    @Test
    void cropsToTheNonzeroBoxOfAllChannels() {
        CaseFingerprint fp = CaseFingerprinter.fingerprint(croppableCase());
        assertArrayEquals(new int[] {6, 6, 8}, fp.sizeAfterCrop());
        assertArrayEquals(new double[] {3, 0.8, 0.7}, fp.originalSpacing());
        assertEquals(6.0 * 6 * 8 / (10 * 12 * 14), fp.sizeReduction(), 1e-15);
        // label 1 lies outside the box, as in nnU-Net's cropped seg it is gone
        assertArrayEquals(new int[] {2}, fp.classes());
    }

    @Test
    void samplesEveryTenthForegroundVoxelInArrayOrder() {
        CaseAnalysis a = CaseFingerprinter.analyze(croppableCase(), true);
        // 2 * 3 * 4 = 24 foreground voxels -> samples 0, 10, 20
        float[] s0 = a.foregroundSamples().get(0);
        float[] s1 = a.foregroundSamples().get(1);
        assertEquals(3, s0.length);
        // 12 per slice; voxel 0: (3,4,5); voxel 10: (3, 4 + 10/4 = 6, 5 + 10%4 = 7); voxel 20: (4, 4 + 8/4 = 6, 5)
        assertArrayEquals(new float[] {100 + 345, 100 + 367, 100 + 465}, s0);
        assertArrayEquals(new float[] {-345, -367, -465}, s1);
        assertEquals(0, CaseFingerprinter.analyze(croppableCase(), false).foregroundSamples().size());
    }

    @Test
    void emptyImageKeepsItsFullSize() {
        RawCase empty = new RawCase("e", new Volume[] {Volume.zeros(3, 4, 5)}, Volume.zeros(3, 4, 5), new double[] {1, 1, 1});
        CaseFingerprint fp = CaseFingerprinter.fingerprint(empty);
        assertArrayEquals(new int[] {3, 4, 5}, fp.sizeAfterCrop());
        assertEquals(1.0, fp.sizeReduction());
        assertEquals(0, fp.classes().length);
    }

    @Test
    void rejectsUnlabelledAndMisshapenCases() {
        RawCase unlabelled = new RawCase("t", new Volume[] {Volume.zeros(2, 2, 2)}, null, new double[] {1, 1, 1});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CaseFingerprinter.fingerprint(unlabelled));
        assertTrue(e.getMessage().startsWith("t:"), e.getMessage());
        RawCase misshapen = new RawCase("m", new Volume[] {Volume.zeros(2, 2, 2)}, Volume.zeros(2, 2, 3),
                new double[] {1, 1, 1});
        e = assertThrows(IllegalArgumentException.class, () -> CaseFingerprinter.fingerprint(misshapen));
        assertTrue(e.getMessage().contains("label map"), e.getMessage());
    }
}
