package dev.segfold.engine.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.engine.image.Volume;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SpatialTransformTest {
    private static final double[] NO_ANGLES = {0, 0, 0};

    private static SpatialTransform transform(int[] patch, boolean planar) {
        return new SpatialTransform(patch, planar, new double[] {0.5, 0.5, 0.5}, 1, 0.7, 1.4, 1);
    }

    @Test
    void quarterTurnAboutAxisZeroIsAnExactRot90() {
        int[] shape = {4, 6, 6};
        Volume data = Volumes.random(shape, 1);
        Volume seg = Volumes.labels(shape);
        Sample s = new Sample(new Volume[] {data.copy()}, new Volume[] {seg.copy()});
        transform(shape, false).resample(s, SpatialTransform.rotation(Math.PI / 2, 0, 0));
        for (int z = 0; z < 4; z++) {
            for (int y = 0; y < 6; y++) {
                for (int x = 0; x < 6; x++) {
                    // the grid maps (y, x) -> (x, W-1-y): a 90 degree in-plane rotation
                    assertEquals(data.get(z, x, 5 - y), s.data()[0].get(z, y, x), 1e-4, "data at " + z + y + x);
                    assertEquals(seg.get(z, x, 5 - y), s.seg()[0].get(z, y, x), "seg at " + z + y + x);
                }
            }
        }
    }

    @Test
    void fourQuarterTurnsAboutEachAxisRestoreTheCube() {
        int[] shape = {6, 6, 6};
        Volume data = Volumes.random(shape, 2);
        Volume seg = Volumes.labels(shape);
        for (int axis = 0; axis < 3; axis++) {
            Sample s = new Sample(new Volume[] {data.copy()}, new Volume[] {seg.copy()});
            double[] a = new double[3];
            a[axis] = Math.PI / 2;
            SpatialTransform t = transform(shape, false);
            Volume once = null;
            for (int k = 0; k < 4; k++) {
                t.resample(s, SpatialTransform.rotation(a[0], a[1], a[2]));
                if (k == 0) {
                    once = s.data()[0].copy();
                }
            }
            assertArrayEquals(data.data(), s.data()[0].data(), 1e-3f, "axis " + axis);
            assertArrayEquals(seg.data(), s.seg()[0].data(), "axis " + axis);
            assertTrue(maxDiff(data, once) > 0.5, "a single quarter turn about axis " + axis + " changes the volume");
        }
    }

    @Test
    void identityGridEqualsCentreCrop() {
        int[] in = {12, 14, 10};
        int[] patch = {8, 8, 6};
        Volume data = Volumes.random(in, 3);
        Volume seg = Volumes.labels(in);
        Sample a = new Sample(new Volume[] {data.copy()}, new Volume[] {seg.copy()});
        Sample b = a.copy();
        SpatialTransform t = transform(patch, false);
        t.resample(a, SpatialTransform.identity());
        t.centreCrop(b);
        assertArrayEquals(patch, a.shape());
        assertArrayEquals(b.data()[0].data(), a.data()[0].data(), 1e-4f);
        assertArrayEquals(b.seg()[0].data(), a.seg()[0].data());
        // centre crop starts at shape//2 - patch//2 = (2, 3, 2)
        assertEquals(data.get(2, 3, 2), b.data()[0].get(0, 0, 0));
    }

    @Test
    void neitherRotationNorScalingGivesCentreCrop() {
        int[] in = {11, 12, 13};
        int[] patch = {5, 6, 7};
        Volume data = Volumes.random(in, 4);
        Sample s = new Sample(new Volume[] {data.copy()}, new Volume[] {Volumes.labels(in)});
        new SpatialTransform(patch, false, new double[] {1, 1, 1}, 0, 0.7, 1.4, 0).apply(s, new SplittableRandom(0));
        assertArrayEquals(patch, s.shape());
        for (int z = 0; z < 5; z++) {
            for (int y = 0; y < 6; y++) {
                for (int x = 0; x < 7; x++) {
                    assertEquals(data.get(z + 3, y + 3, x + 3), s.data()[0].get(z, y, x));
                }
            }
        }
    }

    @Test
    void labelsSurviveRotationAndScaling() {
        int[] in = {30, 30, 30};
        int[] patch = {16, 18, 16};
        Volume seg = Volumes.labels(in);
        SplittableRandom rng = new SplittableRandom(5);
        SpatialTransform t = new SpatialTransform(patch, false,
                new double[] {Math.PI / 6, Math.PI / 6, Math.PI / 6}, 1, 0.7, 1.4, 1);
        Set<Float> all = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            Sample s = new Sample(new Volume[] {Volumes.smooth(in)}, new Volume[] {seg.copy()});
            t.apply(s, rng);
            for (float f : s.seg()[0].data()) {
                assertEquals(Math.rint(f), f, 0, "labels stay integral");
                assertTrue(f >= -1 && f <= 3, "label " + f + " was not in the input");
                all.add(f);
            }
        }
        assertTrue(all.containsAll(Set.of(0f, 1f, 2f, 3f)), "every block label still appears: " + all);
    }

    @Test
    void smallRotationOfSmoothDataIsCloseToTheRotatedFunction() {
        int[] in = {24, 24, 24};
        int[] patch = {10, 10, 10};
        Volume data = Volumes.smooth(in);
        Sample s = new Sample(new Volume[] {data}, new Volume[] {Volume.zeros(in)});
        double a = 0.2;
        transform(patch, false).resample(s, SpatialTransform.rotation(a, 0, 0));
        double[][] m = SpatialTransform.rotation(a, 0, 0);
        double maxErr = 0;
        for (int z = 0; z < 10; z++) {
            for (int y = 0; y < 10; y++) {
                for (int x = 0; x < 10; x++) {
                    double cz = z - 4.5;
                    double cy = y - 4.5;
                    double cx = x - 4.5;
                    double sz = m[0][0] * cz + m[0][1] * cy + m[0][2] * cx + 11.5;
                    double sy = m[1][0] * cz + m[1][1] * cy + m[1][2] * cx + 11.5;
                    double sx = m[2][0] * cz + m[2][1] * cy + m[2][2] * cx + 11.5;
                    double expected = Math.sin(0.3 * sz) + Math.cos(0.2 * sy) * Math.sin(0.25 * sx + 1);
                    maxErr = Math.max(maxErr, Math.abs(expected - s.data()[0].get(z, y, x)));
                }
            }
        }
        assertTrue(maxErr < 2e-3, "cubic interpolation error " + maxErr);
    }

    @Test
    void outsideTheInputDataIsZeroAndSegIsMinusOne() {
        int[] in = {8, 8, 8};
        Volume data = Volume.zeros(in);
        java.util.Arrays.fill(data.data(), 3f);
        Volume seg = Volume.zeros(in);
        java.util.Arrays.fill(seg.data(), 2f);
        Sample s = new Sample(new Volume[] {data}, new Volume[] {seg});
        double[][] zoomOut = SpatialTransform.identity();
        for (int i = 0; i < 3; i++) {
            zoomOut[i][i] = 2;
        }
        transform(in, false).resample(s, zoomOut);
        assertEquals(0f, s.data()[0].get(0, 0, 0));
        assertEquals(-1f, s.seg()[0].get(0, 0, 0));
        assertEquals(3f, s.data()[0].get(4, 4, 4), 1e-4);
        assertEquals(2f, s.seg()[0].get(4, 4, 4));
    }

    @Test
    void planarModeRotatesEachSliceOnItsOwn() {
        int[] shape = {5, 6, 6};
        Volume data = Volumes.random(shape, 6);
        Sample s = new Sample(new Volume[] {data.copy()}, new Volume[] {Volumes.labels(shape)});
        SpatialTransform t = transform(shape, true);
        t.resample(s, SpatialTransform.rotationPlanar(Math.PI / 2));
        for (int z = 0; z < 5; z++) {
            for (int y = 0; y < 6; y++) {
                for (int x = 0; x < 6; x++) {
                    assertEquals(data.get(z, x, 5 - y), s.data()[0].get(z, y, x), 1e-4, "at " + z + y + x);
                }
            }
        }
    }

    @Test
    void planarScalingLeavesAxisZeroAlone() {
        int[] in = {6, 20, 20};
        int[] patch = {6, 10, 10};
        Volume data = Volumes.smooth(in);
        SpatialTransform t = new SpatialTransform(patch, true, NO_ANGLES, 0, 1.3, 1.4, 1);
        Sample s = new Sample(new Volume[] {data}, new Volume[] {Volumes.labels(in)});
        t.apply(s, new SplittableRandom(1));
        assertArrayEquals(patch, s.shape());
        // the centre voxel column maps to itself whatever the in-plane scale
        for (int z = 0; z < 6; z++) {
            double expected = Math.sin(0.3 * z) + Math.cos(0.2 * 9.5) * Math.sin(0.25 * 9.5 + 1);
            double got = (s.data()[0].get(z, 4, 4) + s.data()[0].get(z, 5, 5) + s.data()[0].get(z, 4, 5)
                    + s.data()[0].get(z, 5, 4)) / 4;
            assertEquals(expected, got, 0.05, "slice " + z);
        }
    }

    private static double maxDiff(Volume a, Volume b) {
        double m = 0;
        for (int i = 0; i < a.size(); i++) {
            m = Math.max(m, Math.abs(a.data()[i] - b.data()[i]));
        }
        return m;
    }
}
