package dev.segfold.engine.resample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.engine.image.Volume;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compares the resamplers with skimage/scipy, called the way nnU-Net v1 calls them. */
class ResamplerCrossCheckTest {
    private static final int[][][] SHAPES = {
        {{7, 9, 11}, {12, 5, 16}},
        {{20, 13, 6}, {9, 26, 6}},
        {{1, 8, 8}, {3, 4, 12}},
        {{36, 50, 35}, {30, 61, 35}},
        {{5, 5, 5}, {2, 1, 10}},
    };

    @TempDir
    Path dir;

    @BeforeAll
    static void peer() {
        SkimagePeer.assumeAvailable();
    }

    @Test
    void cubicAndLinearResizeMatchSkimage() throws Exception {
        SkimagePeer peer = new SkimagePeer(dir);
        Random rnd = new Random(7);
        List<Volume> expectedInputs = new ArrayList<>();
        List<int[]> targets = new ArrayList<>();
        List<Interpolation> orders = new ArrayList<>();
        for (int[][] s : SHAPES) {
            for (Interpolation order : new Interpolation[] {Interpolation.CUBIC, Interpolation.LINEAR, Interpolation.NEAREST}) {
                Volume v = random(s[0], rnd);
                peer.add("resize", v, s[1], Map.of("order", order.order()));
                expectedInputs.add(v);
                targets.add(s[1]);
                orders.add(order);
            }
        }
        List<Volume> expected = peer.run();
        for (int i = 0; i < expected.size(); i++) {
            Volume actual = VolumeResizer.resize(expectedInputs.get(i), targets.get(i), orders.get(i));
            assertClose(expected.get(i), actual, 1e-4, orders.get(i) + " job " + i);
        }
    }

    @Test
    void labelResizeMatchesResizeSegmentation() throws Exception {
        SkimagePeer peer = new SkimagePeer(dir);
        Random rnd = new Random(11);
        List<Volume> inputs = new ArrayList<>();
        for (int[][] s : SHAPES) {
            Volume labels = blockyLabels(s[0], rnd);
            peer.add("labels", labels, s[1], Map.of());
            inputs.add(labels);
            Volume noise = noiseLabels(s[0], rnd);
            peer.add("labels", noise, s[1], Map.of());
            inputs.add(noise);
        }
        List<Volume> expected = peer.run();
        for (int i = 0; i < expected.size(); i++) {
            Volume actual = LabelResizer.resize(inputs.get(i), expected.get(i).shape());
            assertArrayEquals(expected.get(i).data(), actual.data(), "label job " + i);
        }
    }

    @Test
    void separateZMatchesSliceWiseResizeThenNearest() throws Exception {
        SkimagePeer peer = new SkimagePeer(dir);
        Random rnd = new Random(13);
        int[][][] cases = {{{6, 20, 18}, {15, 11, 25}}, {{9, 7, 12}, {9, 15, 4}}, {{14, 10, 5}, {7, 12, 11}}};
        int[] axes = {0, 1, 2};
        List<Volume> inputs = new ArrayList<>();
        List<ResamplingPlan> plans = new ArrayList<>();
        for (int c = 0; c < cases.length; c++) {
            ResamplingPlan plan = new ResamplingPlan(cases[c][1], axes[c]);
            Volume data = random(cases[c][0], rnd);
            peer.add("separate", data, cases[c][1], Map.of("axis", axes[c], "order", 3, "isSeg", false));
            inputs.add(data);
            plans.add(plan);
            Volume labels = blockyLabels(cases[c][0], rnd);
            peer.add("separate", labels, cases[c][1], Map.of("axis", axes[c], "order", 1, "isSeg", true));
            inputs.add(labels);
            plans.add(plan);
        }
        List<Volume> expected = peer.run();
        for (int i = 0; i < expected.size(); i++) {
            ResamplingPlan plan = plans.get(i);
            if (i % 2 == 0) {
                assertClose(expected.get(i), Resampler.data(inputs.get(i), plan, Interpolation.CUBIC), 1e-4,
                        "separate data " + plan);
            } else {
                assertArrayEquals(expected.get(i).data(), Resampler.labels(inputs.get(i), plan).data(),
                        "separate labels " + plan);
            }
        }
    }

    @Test
    void ctScaleIntensitiesStayWithinRelativeTolerance() throws Exception {
        SkimagePeer peer = new SkimagePeer(dir);
        Random rnd = new Random(17);
        Volume v = random(new int[] {12, 30, 28}, rnd);
        float[] d = v.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = d[i] * 3000f - 1024f;
        }
        int[] target = {31, 17, 40};
        peer.add("resize", v, target, Map.of("order", 3));
        Volume expected = peer.run().get(0);
        assertClose(expected, VolumeResizer.resize(v, target, Interpolation.CUBIC), 3000 * 1e-5, "CT scale");
    }

    static Volume random(int[] shape, Random rnd) {
        Volume v = Volume.zeros(shape);
        float[] d = v.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = rnd.nextFloat();
        }
        return v;
    }

    /** Labels -1..2 in boxes, so that boundaries fall at many sub-voxel positions. */
    static Volume blockyLabels(int[] shape, Random rnd) {
        Volume v = Volume.zeros(shape);
        for (int b = 0; b < 6; b++) {
            int[] lo = new int[3];
            int[] hi = new int[3];
            for (int a = 0; a < 3; a++) {
                lo[a] = rnd.nextInt(shape[a]);
                hi[a] = lo[a] + 1 + rnd.nextInt(Math.max(1, shape[a] - lo[a]));
            }
            float label = rnd.nextInt(4) - 1;
            for (int z = lo[0]; z < hi[0]; z++) {
                for (int y = lo[1]; y < hi[1]; y++) {
                    for (int x = lo[2]; x < hi[2]; x++) {
                        v.set(z, y, x, label);
                    }
                }
            }
        }
        return v;
    }

    static Volume noiseLabels(int[] shape, Random rnd) {
        Volume v = Volume.zeros(shape);
        float[] d = v.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = rnd.nextInt(3);
        }
        return v;
    }

    static void assertClose(Volume expected, Volume actual, double tol, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        float[] e = expected.data();
        float[] a = actual.data();
        double worst = 0;
        int at = -1;
        for (int i = 0; i < e.length; i++) {
            double diff = Math.abs(e[i] - a[i]);
            if (diff > worst) {
                worst = diff;
                at = i;
            }
        }
        assertTrue(worst <= tol, what + ": max difference " + worst + " at " + at);
        assertEquals(e.length, a.length);
    }
}
