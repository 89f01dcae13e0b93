package dev.segfold.engine.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.engine.image.Volume;
import dev.segfold.engine.testsupport.PythonPeer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SlidingWindowPredictorTest {

    /** Softmax of per-voxel linear logits of two channels: translation- and flip-equivariant. */
    static final class PerVoxelSoftmax implements PatchPredictor {
        static final double[][] W = {{0.0, 0.0, 0.0}, {1.5, -0.7, 0.2}, {-1.0, 0.9, -0.3}};
        int calls;

        @Override
        public int numClasses() {
            return 3;
        }

        static double[] probabilities(double c0, double c1) {
            double[] logits = new double[3];
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < 3; k++) {
                logits[k] = W[k][0] * c0 + W[k][1] * c1 + W[k][2];
                max = Math.max(max, logits[k]);
            }
            double sum = 0;
            for (int k = 0; k < 3; k++) {
                logits[k] = Math.exp(logits[k] - max);
                sum += logits[k];
            }
            for (int k = 0; k < 3; k++) {
                logits[k] /= sum;
            }
            return logits;
        }

        @Override
        public float[] softmax(float[] input, int batch, int channels, int[] patchShape) {
            calls++;
            int n = patchShape[0] * patchShape[1] * patchShape[2];
            float[] out = new float[batch * 3 * n];
            for (int b = 0; b < batch; b++) {
                for (int i = 0; i < n; i++) {
                    double[] p = probabilities(input[(b * channels) * n + i], input[(b * channels + 1) * n + i]);
                    for (int k = 0; k < 3; k++) {
                        out[(b * 3 + k) * n + i] = (float) p[k];
                    }
                }
            }
            return out;
        }
    }

    /**
     * Two classes whose probability depends on the voxel's place inside the patch, so that flips and
     * tile positions change the answer.
     */
    static final class PositionDependent implements PatchPredictor {
        @Override
        public int numClasses() {
            return 2;
        }

        static double foreground(int z, int y, int x, double intensity) {
            return 1 / (1 + Math.exp(-(0.3 * z - 0.2 * y + 0.5 * x - 1 + intensity)));
        }

        @Override
        public float[] softmax(float[] input, int batch, int channels, int[] s) {
            int n = s[0] * s[1] * s[2];
            float[] out = new float[batch * 2 * n];
            for (int b = 0; b < batch; b++) {
                int i = 0;
                for (int z = 0; z < s[0]; z++) {
                    for (int y = 0; y < s[1]; y++) {
                        for (int x = 0; x < s[2]; x++, i++) {
                            double p = foreground(z, y, x, input[b * channels * n + i]);
                            out[(b * 2) * n + i] = (float) (1 - p);
                            out[(b * 2 + 1) * n + i] = (float) p;
                        }
                    }
                }
            }
            return out;
        }
    }

    /** Records, for every patch it sees, the decoded coordinate that sits at patch voxel (0,0,0). */
    static final class Recorder implements PatchPredictor {
        final List<int[]> firstVoxels = new ArrayList<>();
        final List<float[]> patches = new ArrayList<>();
        final List<Integer> batchSizes = new ArrayList<>();

        @Override
        public int numClasses() {
            return 2;
        }

        @Override
        public float[] softmax(float[] input, int batch, int channels, int[] s) {
            int n = s[0] * s[1] * s[2];
            batchSizes.add(batch);
            for (int b = 0; b < batch; b++) {
                int code = Math.round(input[b * channels * n]);
                firstVoxels.add(new int[] {code / 10000, code / 100 % 100, code % 100});
                float[] patch = new float[n];
                System.arraycopy(input, b * channels * n, patch, 0, n);
                patches.add(patch);
            }
            float[] out = new float[batch * 2 * n];
            java.util.Arrays.fill(out, 0.5f);
            return out;
        }
    }

    static Volume field(int[] shape, Fn fn) {
        Volume v = Volume.zeros(shape);
        for (int z = 0; z < shape[0]; z++) {
            for (int y = 0; y < shape[1]; y++) {
                for (int x = 0; x < shape[2]; x++) {
                    v.set(z, y, x, (float) fn.at(z, y, x));
                }
            }
        }
        return v;
    }

    interface Fn {
        double at(int z, int y, int x);
    }

    @Test
    void equivariantPredictorGivesTheDirectPerVoxelAnswer() {
        int[] shape = {7, 13, 9};
        Volume c0 = field(shape, (z, y, x) -> Math.sin(0.7 * z + 0.3 * y) + 0.5 * Math.cos(0.2 * x * y));
        Volume c1 = field(shape, (z, y, x) -> 0.1 * (z - y) + 0.05 * x);
        PerVoxelSoftmax net = new PerVoxelSoftmax();
        // z is padded (7 < 8), y and x are tiled
        Volume[] out = SlidingWindowPredictor.builder(net, new int[] {8, 6, 4}).optBatchSize(5).build()
                .predict(new Volume[] {c0, c1});
        assertEquals(3, out.length);
        for (int k = 0; k < 3; k++) {
            assertArrayEquals(shape, out[k].shape());
        }
        for (int i = 0; i < c0.size(); i++) {
            double[] p = PerVoxelSoftmax.probabilities(c0.data()[i], c1.data()[i]);
            for (int k = 0; k < 3; k++) {
                assertEquals(p[k], out[k].data()[i], 2e-6, "class " + k + " voxel " + i);
            }
        }
        // y: S=13,p=6 -> 4 tiles; x: S=9,p=4 -> 4 tiles; z: 1 tile; 8 flips; 5 patches a call round up to one tile
        assertEquals(16, net.calls);
    }

    @Test
    void tilesStartWhereTheFormulaSays() {
        int[] shape = {10, 9, 12};
        Volume coords = field(shape, (z, y, x) -> z * 10000 + y * 100 + x);
        Recorder rec = new Recorder();
        SlidingWindowPredictor.builder(rec, new int[] {4, 4, 5}).optMirroring(false).optBatchSize(7).build()
                .predict(new Volume[] {coords});
        // z: S=10,p=4: n=ceil(6/2)+1=4, stride 2; y: S=9,p=4: n=4, stride 5/3; x: S=12,p=5: n=ceil(7/2.5)+1=4, stride 7/3
        int[] zs = {0, 2, 4, 6}, ys = {0, 2, 3, 5}, xs = {0, 2, 5, 7};
        Set<String> expected = new HashSet<>();
        for (int z : zs) {
            for (int y : ys) {
                for (int x : xs) {
                    expected.add(z + "," + y + "," + x);
                }
            }
        }
        Set<String> seen = new HashSet<>();
        for (int[] v : rec.firstVoxels) {
            seen.add(v[0] + "," + v[1] + "," + v[2]);
        }
        assertEquals(64, rec.firstVoxels.size(), "one call per tile without mirroring");
        assertEquals(expected, seen);
        assertEquals(List.of(7, 7, 7, 7, 7, 7, 7, 7, 7, 1), rec.batchSizes);
    }

    @Test
    void smallImageIsPaddedHalfBeforeRestAfterAndCroppedBack() {
        int[] shape = {3, 4, 5};
        // +1 so that the zero padding is told apart from voxel (0,0,0)
        Volume coords = field(shape, (z, y, x) -> 1 + z * 10000 + y * 100 + x);
        Recorder rec = new Recorder();
        Volume[] out = SlidingWindowPredictor.builder(rec, new int[] {6, 4, 8}).optMirroring(false).build()
                .predict(new Volume[] {coords});
        assertEquals(1, rec.patches.size());
        float[] patch = rec.patches.get(0);
        // z: 3 -> 6 pads 1 before, 2 after; y: none; x: 5 -> 8 pads 1 before, 2 after
        assertEquals(1f, patch[(1 * 4 + 0) * 8 + 1], "voxel (0,0,0) lands at (1,0,1)");
        assertEquals(1 + 20304f, patch[(3 * 4 + 3) * 8 + 5], "voxel (2,3,4) lands at (3,3,5)");
        assertEquals(0f, patch[0]);
        assertEquals(0f, patch[(4 * 4 + 3) * 8 + 7]);
        assertArrayEquals(shape, out[1].shape());
        for (float v : out[1].data()) {
            assertEquals(0.5f, v);
        }
    }

    @Test
    void mirroringAveragesFlippedPredictionsOfAPositionDependentNet() {
        int[] shape = {3, 4, 5};
        Volume img = field(shape, (z, y, x) -> Math.sin(z + 2.0 * y - x));
        for (int[] axes : new int[][] {{0, 1, 2}, {2}, {0, 2}}) {
            Volume[] out = SlidingWindowPredictor.builder(new PositionDependent(), shape)
                    .optMirrorAxes(axes).build().predict(new Volume[] {img});
            int flips = 1 << axes.length;
            for (int z = 0; z < 3; z++) {
                for (int y = 0; y < 4; y++) {
                    for (int x = 0; x < 5; x++) {
                        double sum = 0;
                        for (int mask = 0; mask < flips; mask++) {
                            int pz = z, py = y, px = x;
                            for (int b = 0; b < axes.length; b++) {
                                if ((mask & (1 << b)) == 0) {
                                    continue;
                                }
                                if (axes[b] == 0) {
                                    pz = 2 - z;
                                } else if (axes[b] == 1) {
                                    py = 3 - y;
                                } else {
                                    px = 4 - x;
                                }
                            }
                            // the net sees the voxel at its flipped place in the patch
                            sum += PositionDependent.foreground(pz, py, px, img.get(z, y, x));
                        }
                        assertEquals(sum / flips, out[1].get(z, y, x), 1e-6,
                                "axes " + java.util.Arrays.toString(axes) + " at " + z + "," + y + "," + x);
                        assertEquals(1 - sum / flips, out[0].get(z, y, x), 1e-6);
                    }
                }
            }
        }
    }

    @Test
    void withoutMirroringThePatchPredictionIsReturnedAsIs() {
        int[] shape = {3, 4, 5};
        Volume img = field(shape, (z, y, x) -> 0.2 * z * y - 0.1 * x);
        Volume[] out = SlidingWindowPredictor.builder(new PositionDependent(), shape).optMirroring(false).build()
                .predict(new Volume[] {img});
        assertEquals(PositionDependent.foreground(2, 1, 3, img.get(2, 1, 3)), out[1].get(2, 1, 3), 1e-6);
    }

    @Test
    void theEightFlipsOfATileGoThroughTheNetworkAsOneBatch() {
        int[] shape = {10, 9, 12};
        Volume coords = field(shape, (z, y, x) -> z * 10000 + y * 100 + x);
        Recorder rec = new Recorder();
        SlidingWindowPredictor.builder(rec, new int[] {4, 4, 5}).build().predict(new Volume[] {coords});
        assertEquals(64, rec.batchSizes.size(), "one call per tile");
        assertTrue(rec.batchSizes.stream().allMatch(b -> b == 8), rec.batchSizes.toString());
        for (int call = 0; call < 64; call++) {
            // the identity first, then the flips of the same tile: each flipped patch is a permutation of it
            float[] identity = rec.patches.get(call * 8).clone();
            java.util.Arrays.sort(identity);
            for (int f = 1; f < 8; f++) {
                float[] flipped = rec.patches.get(call * 8 + f).clone();
                java.util.Arrays.sort(flipped);
                assertArrayEquals(identity, flipped, "call " + call + " flip " + f);
            }
        }
        Recorder two = new Recorder();
        SlidingWindowPredictor.builder(two, new int[] {4, 4, 5}).optBatchSize(9).build().predict(new Volume[] {coords});
        assertEquals(32, two.batchSizes.size(), "9 patches round up to two whole tiles a call");
        assertTrue(two.batchSizes.stream().allMatch(b -> b == 16), two.batchSizes.toString());
    }

    @Test
    void batchSizeDoesNotChangeTheResult() {
        int[] shape = {9, 10, 7};
        Volume img = field(shape, (z, y, x) -> Math.cos(0.5 * z * x) - 0.3 * y);
        Volume ref = null;
        for (int batch : new int[] {1, 3, 8, 200}) {
            Volume[] out = SlidingWindowPredictor.builder(new PositionDependent(), new int[] {4, 6, 4})
                    .optBatchSize(batch).build().predict(new Volume[] {img});
            if (ref == null) {
                ref = out[1];
            } else {
                assertArrayEquals(ref.data(), out[1].data(), 1e-6f, "batch " + batch);
            }
        }
    }

    @Test
    void matchesAPortOfNnUNetsTiledPredictionWithScipy() {
        PythonPeer.assumeModules("numpy", "scipy.ndimage");
        int[] shape = {7, 11, 9};
        int[] patch = {4, 6, 4};
        Volume img = field(shape, (z, y, x) -> Math.sin(0.7 * z + 0.3 * y) + 0.5 * Math.cos(0.2 * x * y));
        StringBuilder values = new StringBuilder();
        for (float v : img.data()) {
            values.append(String.format(Locale.ROOT, "%.9g,", v));
        }
        String script = """
                import numpy as np
                from scipy.ndimage import gaussian_filter
                shape = (7, 11, 9); patch = (4, 6, 4)
                img = np.array([%s], dtype=np.float32).reshape(shape)
                def get_gaussian(patch_size, sigma_scale=1. / 8):
                    tmp = np.zeros(patch_size)
                    tmp[tuple(i // 2 for i in patch_size)] = 1
                    m = gaussian_filter(tmp, [i * sigma_scale for i in patch_size], 0, mode='constant', cval=0)
                    m = (m / np.max(m)).astype(np.float32)
                    m[m == 0] = np.min(m[m != 0])
                    return m
                def steps(p, s, st):
                    n = int(np.ceil((s - p) / (p * st))) + 1
                    a = (s - p) / (n - 1) if n > 1 else 99999999999
                    return [int(np.round(a * i)) for i in range(n)]
                def net(x):
                    z, y, xx = np.meshgrid(*[np.arange(k) for k in x.shape], indexing='ij')
                    p = 1 / (1 + np.exp(-(0.3 * z - 0.2 * y + 0.5 * xx - 1 + x.astype(np.float64))))
                    return np.stack([1 - p, p]).astype(np.float32)
                new = [max(s, p) for s, p in zip(shape, patch)]
                d = [n - s for n, s in zip(new, shape)]
                data = np.pad(img, [(k // 2, k // 2 + k %% 2) for k in d], 'constant')
                st = [steps(p, s, 0.5) for p, s in zip(patch, data.shape)]
                g = get_gaussian(patch) if len(st[0]) * len(st[1]) * len(st[2]) > 1 else np.ones(patch, np.float32)
                agg = np.zeros((2,) + data.shape, np.float32); cnt = np.zeros((2,) + data.shape, np.float32)
                flips = [(), (2,), (1,), (2, 1), (0,), (2, 0), (1, 0), (2, 1, 0)]
                for a in st[0]:
                    for b in st[1]:
                        for c in st[2]:
                            x = data[a:a + patch[0], b:b + patch[1], c:c + patch[2]]
                            r = np.zeros((2,) + patch, np.float32)
                            for f in flips:
                                xf = np.flip(x, f) if f else x
                                pr = net(xf)
                                r += 1 / 8 * (np.flip(pr, tuple(i + 1 for i in f)) if f else pr)
                            r *= g
                            agg[:, a:a + patch[0], b:b + patch[1], c:c + patch[2]] += r
                            cnt[:, a:a + patch[0], b:b + patch[1], c:c + patch[2]] += g
                sl = tuple(slice(k // 2, k // 2 + s) for k, s in zip(d, shape))
                res = (agg / cnt)[(slice(None),) + sl]
                print(' '.join(repr(float(v)) for v in res[1].ravel()))
                """.formatted(values);
        String[] ref = PythonPeer.run(script).strip().split(" ");
        Volume[] out = SlidingWindowPredictor.builder(new PositionDependent(), patch).build()
                .predict(new Volume[] {img});
        assertEquals(ref.length, out[1].size());
        for (int i = 0; i < ref.length; i++) {
            assertEquals(Double.parseDouble(ref[i]), out[1].data()[i], 2e-6, "voxel " + i);
        }
    }

    @Test
    void gaussianWeightingIsSkippedForASingleTile() {
        int[] shape = {4, 6, 4};
        Volume img = field(shape, (z, y, x) -> 0.3 * z - 0.1 * y * x);
        Volume[] withG = SlidingWindowPredictor.builder(new PositionDependent(), shape).build()
                .predict(new Volume[] {img});
        Volume[] withoutG = SlidingWindowPredictor.builder(new PositionDependent(), shape).optGaussian(false).build()
                .predict(new Volume[] {img});
        assertArrayEquals(withoutG[1].data(), withG[1].data(), 0f);
    }

    @Test
    void preprocessedCaseIsPredictedFromItsChannelsAndNamedInErrors() {
        int[] shape = {3, 4, 5};
        Volume img = field(shape, (z, y, x) -> 0.2 * z - 0.1 * y * x);
        SlidingWindowPredictor p = SlidingWindowPredictor.builder(new PositionDependent(), shape).build();
        Volume[] out = p.predict(new dev.segfold.engine.preprocess.PreprocessedCase("hippocampus_001",
                new Volume[] {img}, null, null));
        assertArrayEquals(p.predict(new Volume[] {img})[1].data(), out[1].data(), 0f);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> p.predict(new dev.segfold.engine.preprocess.PreprocessedCase("hippocampus_002",
                        new Volume[] {img, Volume.zeros(1, 1, 1)}, null, null)));
        assertTrue(e.getMessage().contains("hippocampus_002"), e.getMessage());
    }

    @Test
    void badInputIsRejectedWithAClearMessage() {
        SlidingWindowPredictor p = SlidingWindowPredictor.builder(new PositionDependent(), new int[] {2, 2, 2}).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> p.predict(new Volume[] {Volume.zeros(3, 3, 3), Volume.zeros(3, 3, 4)}));
        assertTrue(e.getMessage().contains("channel 1"), e.getMessage());
        PatchPredictor broken = new PatchPredictor() {
            @Override
            public int numClasses() {
                return 2;
            }

            @Override
            public float[] softmax(float[] input, int batch, int channels, int[] patchShape) {
                return new float[3];
            }
        };
        IllegalStateException s = assertThrows(IllegalStateException.class,
                () -> SlidingWindowPredictor.builder(broken, new int[] {2, 2, 2}).build()
                        .predict(new Volume[] {Volume.zeros(2, 2, 2)}));
        assertTrue(s.getMessage().contains("returned 3 values"), s.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> SlidingWindowPredictor.builder(broken, new int[] {2, 2, 2}).optStepSize(0));
    }
}
