package dev.segfold.engine.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Expected values derived by hand from v1's get_pool_and_conv_props, step by step in the comments. */
class PoolAndConvPropsTest {

    @Test
    void isotropicHippocampusPatchPoolsThreeTimesAndPadsToEight() {
        // 36,50,35 -> 18,25,18 -> 9,13,9 -> 5,7,5 (all < 8: stop); divisible by 8
        PoolAndConvProps p = PoolAndConvProps.compute(new double[] {1, 1, 1}, new int[] {36, 50, 35}, 4, 999);
        assertArrayEquals(new int[] {3, 3, 3}, p.numPoolPerAxis());
        assertArrayEquals(new int[][] {{2, 2, 2}, {2, 2, 2}, {2, 2, 2}}, p.poolOpKernelSizes());
        assertArrayEquals(new int[][] {{3, 3, 3}, {3, 3, 3}, {3, 3, 3}, {3, 3, 3}}, p.convKernelSizes());
        assertArrayEquals(new int[] {40, 56, 40}, p.patchSize());
        assertArrayEquals(new int[] {8, 8, 8}, p.mustBeDivisibleBy());
    }

    @Test
    void anisotropicAxisWaitsUntilItsSpacingIsWithinTwiceTheFinest() {
        // spacing 3,1,1: step 1 pools y,x only (3/1 >= 2), conv [1,3,3] (z is not within 2x of y,x);
        // spacing 3,2,2: all within 2x -> pool all, conv 3; 6,4,4 -> all; 12,8,8 with size 5,8,8:
        // z too small -> [1,2,2]; then 12,16,16 with sizes 5,4,4: none can pool.
        PoolAndConvProps p = PoolAndConvProps.compute(new double[] {3, 1, 1}, new int[] {20, 64, 64}, 4, 999);
        assertArrayEquals(new int[] {2, 4, 4}, p.numPoolPerAxis());
        assertArrayEquals(new int[][] {{1, 2, 2}, {2, 2, 2}, {2, 2, 2}, {1, 2, 2}}, p.poolOpKernelSizes());
        assertArrayEquals(new int[][] {{1, 3, 3}, {3, 3, 3}, {3, 3, 3}, {3, 3, 3}, {3, 3, 3}}, p.convKernelSizes());
        assertArrayEquals(new int[] {20, 64, 64}, p.patchSize());
    }

    @Test
    void padsEachAxisToItsOwnDivisor() {
        // 21,60,50 at 3,1,1 -> 21,30,25 -> 11,15,13 -> 6,8,7 -> only y pools -> pools z2 y4 x3
        PoolAndConvProps p = PoolAndConvProps.compute(new double[] {3, 1, 1}, new int[] {21, 60, 50}, 4, 999);
        assertArrayEquals(new int[] {2, 4, 3}, p.numPoolPerAxis());
        assertArrayEquals(new int[] {4, 16, 8}, p.mustBeDivisibleBy());
        assertArrayEquals(new int[] {24, 64, 56}, p.patchSize());
        assertArrayEquals(new int[] {1, 2, 1}, p.poolOpKernelSizes()[3]);
    }

    @Test
    void poolCapStopsPoolingPerAxis() {
        PoolAndConvProps p = PoolAndConvProps.compute(new double[] {1, 1, 1}, new int[] {36, 50, 35}, 4, 2);
        assertArrayEquals(new int[] {2, 2, 2}, p.numPoolPerAxis());
        assertArrayEquals(new int[] {36, 52, 36}, p.patchSize());
        assertEquals(3, p.convKernelSizes().length);
    }

    @Test
    void vramProxyOfTheHippocampusNetwork() {
        // P = 40*56*40 = 89600: 5*P*32 + P*(1+3) = 14,694,400; then 5*11200*64 + 5*1400*128 + 2*175*256
        long v = VramModel.estimate(new int[] {40, 56, 40}, 32, 320, 1, 3,
                new int[][] {{2, 2, 2}, {2, 2, 2}, {2, 2, 2}}, 2);
        assertEquals(14_694_400L + 3_584_000L + 896_000L + 89_600L, v);
        assertEquals(520e6 * 32 / 30, VramModel.reference(32), 1e-6);
    }
}
