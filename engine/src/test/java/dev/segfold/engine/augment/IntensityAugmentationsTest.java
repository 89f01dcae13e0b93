package dev.segfold.engine.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.engine.image.Volume;
import dev.segfold.engine.image.VoxelStatistics;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IntensityAugmentationsTest {
    private static final int[] SHAPE = {20, 24, 22};

    private static Sample sample(Volume... data) {
        return new Sample(data, new Volume[] {Volume.zeros(data[0].shape())});
    }

    @Test
    void noiseHasZeroMeanAndAStdWithinTheRange() {
        double lowest = 1;
        double highest = 0;
        for (int seed = 0; seed < 20; seed++) {
            Volume v = Volumes.smooth(SHAPE);
            Volume before = v.copy();
            new GaussianNoise(1, 0.1).apply(sample(v), new SplittableRandom(seed));
            VoxelStatistics diff = diffStats(before, v);
            assertEquals(0, diff.mean(), 0.01, "noise mean");
            assertTrue(diff.std() <= 0.1 * 1.05, "noise std " + diff.std() + " beyond 0.1");
            lowest = Math.min(lowest, diff.std());
            highest = Math.max(highest, diff.std());
        }
        assertTrue(lowest < 0.05 && highest > 0.05, "std is drawn over (0, 0.1): " + lowest + ".." + highest);
    }

    @Test
    void probabilityZeroLeavesEverythingUntouched() {
        Volume v = Volumes.random(SHAPE, 1);
        Volume before = v.copy();
        Sample s = sample(v);
        SplittableRandom rng = new SplittableRandom(1);
        new GaussianNoise(0, 0.1).apply(s, rng);
        new GaussianBlur(0, 1, 0.5, 1).apply(s, rng);
        new BrightnessMultiplicative(0, 0.75, 1.25).apply(s, rng);
        new ContrastAugmentation(0, 0.75, 1.25).apply(s, rng);
        new SimulateLowResolution(0, 1, 0.5, 1, false).apply(s, rng);
        new GammaAugmentation(0, 0.7, 1.5, false, true).apply(s, rng);
        assertArrayEquals(before.data(), s.data()[0].data());
    }

    @Test
    void blurSpreadsAnImpulseWithTheGaussianVariance() {
        Volume v = Volume.zeros(25, 25, 25);
        v.set(12, 12, 12, 1);
        GaussianFilter.apply(v, 1.0);
        double sum = 0;
        double varX = 0;
        for (int z = 0; z < 25; z++) {
            for (int y = 0; y < 25; y++) {
                for (int x = 0; x < 25; x++) {
                    sum += v.get(z, y, x);
                    varX += v.get(z, y, x) * (x - 12) * (x - 12);
                }
            }
        }
        assertEquals(1, sum, 1e-5, "blur keeps the mass");
        assertEquals(1.0, varX, 0.01, "variance along x is sigma^2");
        assertEquals(v.get(12, 12, 13), v.get(13, 12, 12), 1e-7, "isotropic");
    }

    @Test
    void blurKeepsAConstantVolumeConstant() {
        Volume v = Volume.zeros(SHAPE);
        java.util.Arrays.fill(v.data(), 2.5f);
        new GaussianBlur(1, 1, 0.5, 1).apply(sample(v), new SplittableRandom(3));
        for (float f : v.data()) {
            assertEquals(2.5f, f, 1e-5);
        }
    }

    @Test
    void brightnessMultipliesEachChannelByOneFactorInRange() {
        Volume a = Volumes.random(SHAPE, 2);
        Volume b = Volumes.random(SHAPE, 3);
        Volume a0 = a.copy();
        Volume b0 = b.copy();
        new BrightnessMultiplicative(1, 0.75, 1.25).apply(sample(a, b), new SplittableRandom(4));
        double fa = a.data()[7] / a0.data()[7];
        double fb = b.data()[7] / b0.data()[7];
        assertTrue(fa >= 0.75 && fa <= 1.25 && fb >= 0.75 && fb <= 1.25, fa + " " + fb);
        assertNotEquals(fa, fb, "each channel draws its own factor");
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a0.data()[i] * fa, a.data()[i], 1e-5);
        }
    }

    @Test
    void contrastStretchesAboutTheMeanWithinTheOriginalRange() {
        for (int seed = 0; seed < 10; seed++) {
            Volume v = Volumes.random(SHAPE, 10 + seed);
            Volume before = v.copy();
            new ContrastAugmentation(1, 0.75, 1.25).apply(sample(v), new SplittableRandom(seed));
            VoxelStatistics b = VoxelStatistics.of(before.data());
            VoxelStatistics a = VoxelStatistics.of(v.data());
            assertTrue(a.min() >= b.min() && a.max() <= b.max(), "range preserved");
            double ratio = a.std() / b.std();
            assertTrue(ratio > 0.7 && ratio < 1.3, "std scaled by the factor: " + ratio);
            assertNotEquals(1.0, ratio, 1e-4);
        }
    }

    @Test
    void lowResolutionKeepsShapeAndConstantsButLosesDetail() {
        Volume flat = Volume.zeros(SHAPE);
        java.util.Arrays.fill(flat.data(), -1.5f);
        Volume noisy = Volumes.random(SHAPE, 5);
        Volume noisyBefore = noisy.copy();
        Sample s = sample(flat, noisy);
        new SimulateLowResolution(1, 1, 0.5, 0.6, false).apply(s, new SplittableRandom(6));
        assertArrayEquals(SHAPE, s.data()[0].shape());
        assertArrayEquals(SHAPE, s.data()[1].shape());
        for (float f : s.data()[0].data()) {
            assertEquals(-1.5f, f, 1e-4);
        }
        // white noise downsampled by about 2 per axis keeps roughly one voxel in 8 independent
        double corr = neighbourCorrelation(s.data()[1]);
        assertTrue(corr > 0.3, "upsampled noise is smooth along x: " + corr);
        assertTrue(neighbourCorrelation(noisyBefore) < 0.1);
    }

    @Test
    void resizeIsExactForIdentityAndNearestPicksSourceVoxels() {
        Volume v = Volumes.random(new int[] {6, 8, 10}, 7);
        assertArrayEquals(v.data(), Resize.cubic(v, v.shape()).data(), 0f);
        Volume down = Resize.nearest(v, new int[] {3, 4, 5});
        // (i + 0.5) * 2 - 0.5 = 2i + 0.5 rounds to 2i + 1
        assertEquals(v.get(1, 3, 5), down.get(0, 1, 2));
        Volume up = Resize.cubic(Resize.cubic(v, new int[] {12, 16, 20}), new int[] {6, 8, 10});
        assertTrue(VoxelStatistics.of(diff(v, up)).std() < 0.5, "up then down stays close");
    }

    @Test
    void gammaWithoutRetainKeepsTheRange() {
        for (boolean invert : new boolean[] {false, true}) {
            Volume v = Volumes.random(SHAPE, 8);
            Volume before = v.copy();
            new GammaAugmentation(1, 0.7, 1.5, invert, false).apply(sample(v), new SplittableRandom(9));
            assertEquals(Volumes.min(before.data()), Volumes.min(v.data()), 1e-4, "min, invert " + invert);
            assertEquals(Volumes.max(before.data()), Volumes.max(v.data()), 1e-4, "max, invert " + invert);
            assertNotEquals(before.data()[3], v.data()[3]);
            // gamma is monotone: order of voxels is unchanged
            assertEquals(Math.signum(before.data()[1] - before.data()[2]), Math.signum(v.data()[1] - v.data()[2]));
        }
    }

    @Test
    void gammaWithRetainStatsKeepsMeanAndStd() {
        for (boolean invert : new boolean[] {false, true}) {
            Volume v = Volumes.random(SHAPE, 11);
            VoxelStatistics before = VoxelStatistics.of(v.data());
            new GammaAugmentation(1, 0.7, 1.5, invert, true).apply(sample(v), new SplittableRandom(12));
            VoxelStatistics after = VoxelStatistics.of(v.data());
            assertEquals(before.mean(), after.mean(), 1e-4, "mean, invert " + invert);
            assertEquals(before.std(), after.std(), 1e-4, "std, invert " + invert);
        }
    }

    private static float[] diff(Volume a, Volume b) {
        float[] d = new float[a.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = b.data()[i] - a.data()[i];
        }
        return d;
    }

    private static VoxelStatistics diffStats(Volume a, Volume b) {
        return VoxelStatistics.of(diff(a, b));
    }

    private static double neighbourCorrelation(Volume v) {
        int[] s = v.shape();
        VoxelStatistics st = VoxelStatistics.of(v.data());
        double c = 0;
        int n = 0;
        for (int z = 0; z < s[0]; z++) {
            for (int y = 0; y < s[1]; y++) {
                for (int x = 0; x + 1 < s[2]; x++) {
                    c += (v.get(z, y, x) - st.mean()) * (v.get(z, y, x + 1) - st.mean());
                    n++;
                }
            }
        }
        return c / n / (st.std() * st.std());
    }
}
