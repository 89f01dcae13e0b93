package dev.segfold.engine.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.engine.augment.Sample;
import dev.segfold.engine.image.Volume;
import dev.segfold.engine.preprocess.CaseProperties;
import dev.segfold.engine.preprocess.PreprocessedCase;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PatchSamplerTest {
    @Test
    void randomCropLowerBoundSpansTheNnUNetRange() {
        // patch 8, loader patch 13: pad 5 -> lb in [floor(-5/2), 30 + 2 + 1 - 13] = [-3, 20]
        // patch 8, loader 12: pad 4 -> [-2, 30 + 2 - 12] = [-2, 20]
        // case smaller than the loader patch: shape 6, patch 8, loader 8: pad 2 -> [-1, 6 + 1 - 8] = [-1, -1]
        SamplingSettings s = new SamplingSettings(new int[] {8, 8, 8}, new int[] {13, 12, 8}, 2, 0.33);
        PatchSampler sampler = new PatchSampler(s);
        int[] shape = {30, 30, 6};
        int[] min = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE};
        int[] max = {Integer.MIN_VALUE, Integer.MIN_VALUE, Integer.MIN_VALUE};
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < 5000; i++) {
            int[] lb = sampler.lowerBound(shape, Map.of(), false, rng);
            for (int a = 0; a < 3; a++) {
                min[a] = Math.min(min[a], lb[a]);
                max[a] = Math.max(max[a], lb[a]);
            }
        }
        assertArrayEquals(new int[] {-3, -2, -1}, min);
        assertArrayEquals(new int[] {20, 20, -1}, max);
    }

    @Test
    void forcedCropCentresOnAStoredVoxelOfAPresentClass() {
        SamplingSettings s = new SamplingSettings(new int[] {8, 8, 8}, new int[] {12, 12, 12}, 2, 0.33);
        PatchSampler sampler = new PatchSampler(s);
        Map<Integer, int[][]> locations = Map.of(
                1, new int[][] {{10, 11, 12}},
                2, new int[0][],
                0, new int[][] {{0, 0, 0}});
        int[] lb = sampler.lowerBound(new int[] {30, 30, 30}, locations, true, new SplittableRandom(1));
        assertArrayEquals(new int[] {4, 5, 6}, lb);
        // near the lower border the corner is clamped to the lowest allowed value (-2 here)
        int[] clamped = sampler.lowerBound(new int[] {30, 30, 30}, Map.of(1, new int[][] {{0, 1, 29}}), true,
                new SplittableRandom(1));
        assertArrayEquals(new int[] {-2, -2, 23}, clamped);
    }

    @Test
    void caseWithoutForegroundFallsBackToRandomCrop() {
        assertNull(PatchSampler.foregroundVoxel(Map.of(1, new int[0][]), new SplittableRandom(0)));
        SamplingSettings s = new SamplingSettings(new int[] {8, 8, 8}, new int[] {8, 8, 8}, 2, 0.33);
        int[] lb = new PatchSampler(s).lowerBound(new int[] {20, 20, 20}, Map.of(), true, new SplittableRandom(0));
        for (int a = 0; a < 3; a++) {
            assertTrue(lb[a] >= 0 && lb[a] <= 12, "lb " + lb[a]);
        }
    }

    @Test
    void forcedPatchesContainForegroundOfTheCase() {
        int[] shape = {24, 30, 26};
        TrainingCase c = TrainingCase.of(SyntheticCases.make("fg", shape, 7));
        PatchSampler sampler = new PatchSampler(SamplingSettings.validation(new int[] {8, 10, 8}, 2));
        SplittableRandom rng = new SplittableRandom(11);
        for (int i = 0; i < 200; i++) {
            Sample s = sampler.sample(c, true, rng);
            float[] seg = s.seg()[0].data();
            int centre = s.seg()[0].index(4, 5, 4);
            assertTrue(seg[centre] > 0, "forced patch " + i + " must have foreground at its centre");
        }
    }

    @Test
    void paddingIsZeroForDataMinusOneForSegZeroForPreviousStage() {
        int[] shape = {4, 4, 4};
        float[] img = new float[64];
        float[] seg = new float[64];
        float[] prev = new float[64];
        java.util.Arrays.fill(img, 5f);
        java.util.Arrays.fill(seg, 1f);
        java.util.Arrays.fill(prev, 2f);
        Volume segV = new Volume(shape, seg);
        PreprocessedCase pc = new PreprocessedCase("pad", new Volume[] {new Volume(shape, img)}, segV,
                SyntheticCases.properties(segV));
        TrainingCase c = new TrainingCase(pc, new Volume(shape, prev));
        PatchSampler sampler = new PatchSampler(new SamplingSettings(new int[] {6, 6, 6}, new int[] {6, 6, 6}, 1, 0));
        Sample s = sampler.extract(c, new int[] {-1, -2, 0});
        assertEquals(2, s.seg().length);
        for (int z = 0; z < 6; z++) {
            for (int y = 0; y < 6; y++) {
                for (int x = 0; x < 6; x++) {
                    boolean in = z - 1 >= 0 && z - 1 < 4 && y - 2 >= 0 && y - 2 < 4 && x < 4;
                    String at = "at " + z + "," + y + "," + x;
                    assertEquals(in ? 5f : 0f, s.data()[0].get(z, y, x), at);
                    assertEquals(in ? 1f : -1f, s.seg()[0].get(z, y, x), at);
                    assertEquals(in ? 2f : 0f, s.seg()[1].get(z, y, x), at);
                }
            }
        }
    }

    @Test
    void forcingWithoutClassLocationsNamesTheCase() {
        int[] shape = {4, 4, 4};
        Volume seg = Volume.zeros(shape);
        PreprocessedCase pc = new PreprocessedCase("nolocs", new Volume[] {Volume.zeros(shape)}, seg,
                new CaseProperties(shape, new double[] {1, 1, 1}, null, shape, null, shape, null));
        PatchSampler sampler = new PatchSampler(SamplingSettings.validation(new int[] {4, 4, 4}, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> sampler.sample(TrainingCase.of(pc), true, new SplittableRandom(0)));
        assertTrue(e.getMessage().contains("nolocs"), e.getMessage());
    }
}
