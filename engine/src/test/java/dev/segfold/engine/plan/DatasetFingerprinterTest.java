package dev.segfold.engine.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.engine.dataset.RawCase;
import dev.segfold.engine.image.Volume;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatasetFingerprinterTest {

    /** A 4x4x4 CT-like case: body value {@code v} on a 2x2x2 block labelled 1, air -1000 elsewhere. */
    private static RawCase ctCase(String id, float v) {
        Volume img = Volume.zeros(4, 4, 4);
        Volume seg = Volume.zeros(4, 4, 4);
        java.util.Arrays.fill(img.data(), -1000f);
        for (int z = 1; z < 3; z++) {
            for (int y = 1; y < 3; y++) {
                for (int x = 1; x < 3; x++) {
                    img.set(z, y, x, v + x);
                    seg.set(z, y, x, 1);
                }
            }
        }
        return new RawCase(id, new Volume[] {img}, seg, new double[] {2.5, 0.7, 0.7});
    }

    @Test
    void ctDataSetsGetPooledForegroundStatistics() {
        DatasetFingerprint fp = DatasetFingerprinter.fingerprint(
                List.of(ctCase("b", 100), ctCase("a", 200)), Map.of(0, "CT"), List.of(0, 1));
        assertEquals(2, fp.numCases());
        // 8 foreground voxels per case -> samples 0 only (every 10th): a: 201, b: 101
        IntensityProperties p = fp.intensityProperties().get(0);
        assertEquals(101, p.min());
        assertEquals(201, p.max());
        assertEquals(151, p.mean(), 1e-12);
        // CT air is nonzero: no crop
        assertArrayEquals(new int[] {4, 4, 4}, fp.cases().get(0).sizeAfterCrop());
    }

    @Test
    void channelCountMustMatchTheModalities() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatasetFingerprinter
                .fingerprint(List.of(ctCase("a", 1)), Map.of(0, "CT", 1, "CT"), List.of(1)));
        assertTrue(e.getMessage().startsWith("a:"), e.getMessage());
    }
}
