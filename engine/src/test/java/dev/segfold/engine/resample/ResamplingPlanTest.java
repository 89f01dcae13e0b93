package dev.segfold.engine.resample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ResamplingPlanTest {
    @Test
    void newShapeRoundsHalfToEvenLikeNumpy() {
        // 0.5 * 5 = 2.5 -> 2 ; 0.5 * 7 = 3.5 -> 4 ; 1.5 * 3 = 4.5 -> 4
        ResamplingPlan p = ResamplingPlan.forSpacing(new int[] {5, 7, 3}, new double[] {1, 1, 3}, new double[] {2, 2, 2});
        assertArrayEquals(new int[] {2, 4, 4}, p.newShape());
    }

    @Test
    void anisotropicOriginalSpacingDecidesFirst() {
        // original: z is 5 mm vs 1 mm in-plane -> axis 0, even though the target is isotropic
        assertEquals(0, ResamplingPlan.lowResAxis(new double[] {5, 1, 1}, new double[] {1, 1, 1}));
        // original isotropic, target anisotropic along x
        assertEquals(2, ResamplingPlan.lowResAxis(new double[] {1, 1, 1}, new double[] {1, 1, 3.5}));
        // original anisotropic along y wins over a target anisotropic along x
        assertEquals(1, ResamplingPlan.lowResAxis(new double[] {1, 4, 1}, new double[] {1, 1, 4}));
    }

    @Test
    void noSeparateZAtOrBelowThresholdOrOnTies() {
        assertEquals(ResamplingPlan.NONE, ResamplingPlan.lowResAxis(new double[] {3, 1, 1}, new double[] {3, 1, 1}));
        assertEquals(ResamplingPlan.NONE, ResamplingPlan.lowResAxis(new double[] {0.24, 1.25, 1.25}, new double[] {1, 1, 1}));
        assertFalse(ResamplingPlan.forShape(new int[] {2, 2, 2}, new double[] {1, 1, 1}, new double[] {2, 2, 2}).separateZ());
        assertTrue(ResamplingPlan.forShape(new int[] {2, 2, 2}, new double[] {1, 1, 1}, new double[] {5, 1, 1}).separateZ());
    }

    @Test
    void rejectsBadSpacingAndShape() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ResamplingPlan.forSpacing(new int[] {2, 2, 2}, new double[] {1, 0, 1}, new double[] {1, 1, 1}));
        assertTrue(e.getMessage().contains("originalSpacing"));
        assertThrows(IllegalArgumentException.class, () -> new ResamplingPlan(new int[] {0, 2, 2}, ResamplingPlan.NONE));
        assertThrows(IllegalArgumentException.class, () -> new ResamplingPlan(new int[] {2, 2, 2}, 3));
    }
}
