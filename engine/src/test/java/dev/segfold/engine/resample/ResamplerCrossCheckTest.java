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
    static Path dir;

    /** One Python run for the whole class: starting skimage costs seconds. */
    private static final List<Job> JOBS = new ArrayList<>();

    /** A resampling done by both sides: {@code actual} runs the Java code on the same input. */
    private record Job(String kind, Volume input, java.util.function.Function<Volume, Volume> actual, double tol,
            Volume[] expected) {}

    @BeforeAll
    static void runPeer() throws Exception {
        SkimagePeer.assumeAvailable();
        SkimagePeer peer = new SkimagePeer(dir);
        Random rnd = new Random(7);
        for (int[][] s : SHAPES) {
            for (Interpolation order : Interpolation.values()) {
                Volume v = random(s[0], rnd);
                peer.add("resize", v, s[1], Map.of("order", order.order()));
                JOBS.add(new Job("resize " + order, v, in -> VolumeResizer.resize(in, s[1], order), 1e-4, new Volume[1]));
            }
            for (Volume labels : new Volume[] {blockyLabels(s[0], rnd), noiseLabels(s[0], rnd)}) {
                peer.add("labels", labels, s[1], Map.of());
                JOBS.add(new Job("labels", labels, in -> LabelResizer.resize(in, s[1]), 0, new Volume[1]));
            }
        }
        int[][][] separate = {{{6, 20, 18}, {15, 11, 25}}, {{9, 7, 12}, {9, 15, 4}}, {{14, 10, 5}, {7, 12, 11}}};
        for (int axis = 0; axis < 3; axis++) {
            ResamplingPlan plan = new ResamplingPlan(separate[axis][1], axis);
            Volume data = random(separate[axis][0], rnd);
            peer.add("separate", data, separate[axis][1], Map.of("axis", axis, "order", 3, "isSeg", false));
            JOBS.add(new Job("separate data " + plan, data, in -> Resampler.data(in, plan, Interpolation.CUBIC), 1e-4,
                    new Volume[1]));
            Volume labels = blockyLabels(separate[axis][0], rnd);
            peer.add("separate", labels, separate[axis][1], Map.of("axis", axis, "order", 1, "isSeg", true));
            JOBS.add(new Job("separate labels " + plan, labels, in -> Resampler.labels(in, plan), 0, new Volume[1]));
        }
        Volume ct = random(new int[] {12, 30, 28}, rnd);
        float[] d = ct.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = d[i] * 3000f - 1024f;
        }
        int[] target = {31, 17, 40};
        peer.add("resize", ct, target, Map.of("order", 3));
        JOBS.add(new Job("CT scale", ct, in -> VolumeResizer.resize(in, target, Interpolation.CUBIC), 3000 * 1e-5,
                new Volume[1]));
        List<Volume> expected = peer.run();
        for (int i = 0; i < expected.size(); i++) {
            JOBS.get(i).expected()[0] = expected.get(i);
        }
    }

    @Test
    void cubicLinearAndNearestResizeMatchSkimage() {
        check("resize");
    }

    @Test
    void labelResizeMatchesResizeSegmentationExactly() {
        check("labels");
    }

    @Test
    void separateZMatchesSliceWiseResizeThenNearest() {
        check("separate");
    }

    @Test
    void ctScaleIntensitiesStayWithinRelativeTolerance() {
        check("CT");
    }

    private static void check(String kind) {
        int n = 0;
        for (Job job : JOBS) {
            if (job.kind().startsWith(kind)) {
                Volume actual = job.actual().apply(job.input());
                if (job.tol() == 0) {
                    assertArrayEquals(job.expected()[0].shape(), actual.shape(), job.kind());
                    assertArrayEquals(job.expected()[0].data(), actual.data(), job.kind());
                } else {
                    assertClose(job.expected()[0], actual, job.tol(), job.kind());
                }
                n++;
            }
        }
        assertTrue(n > 0, "no jobs of kind " + kind);
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
