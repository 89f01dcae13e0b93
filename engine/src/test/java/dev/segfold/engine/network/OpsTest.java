package dev.segfold.engine.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** The two operations written around DJL's gaps, against their definitions computed in plain Java. */
class OpsTest {

    @Test
    void instanceNormNormalisesEachSampleAndChannelOverItsVoxels() {
        int n = 2, c = 3, v = 2 * 3 * 4;
        float[] x = UNet3dTest.random(n * c * v, 11);
        for (int i = 0; i < x.length; i++) {
            x[i] = x[i] * (1 + i / v) + i / v; // a different mean and scale per (sample, channel)
        }
        float[] gamma = {0.5f, 1f, 2f};
        float[] beta = {0f, -1f, 3f};
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray y = Ops3d.instanceNorm(m.create(x, new Shape(n, c, 2, 3, 4)), m.create(gamma), m.create(beta));
            assertEquals(new Shape(n, c, 2, 3, 4), y.getShape());
            float[] got = y.toFloatArray();
            for (int s = 0; s < n * c; s++) {
                double mean = 0, var = 0;
                for (int i = 0; i < v; i++) {
                    mean += x[s * v + i];
                }
                mean /= v;
                for (int i = 0; i < v; i++) {
                    var += Math.pow(x[s * v + i] - mean, 2);
                }
                var /= v; // biased, as InstanceNorm3d
                for (int i = 0; i < v; i++) {
                    double want = (x[s * v + i] - mean) / Math.sqrt(var + 1e-5) * gamma[s % c] + beta[s % c];
                    assertEquals(want, got[s * v + i], 1e-4, "sample-channel " + s + " voxel " + i);
                }
            }
        }
    }

    @Test
    void transposedConvScattersEachVoxelIntoItsKernelBlock() {
        int n = 2, cin = 3, cout = 2, d = 2, h = 3, w = 2;
        Kernel3 k = new Kernel3(1, 2, 3);
        float[] x = UNet3dTest.random(n * cin * d * h * w, 1);
        float[] wt = UNet3dTest.random(cin * cout * k.volume(), 2);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray y = Ops3d.transposedConv(m.create(x, new Shape(n, cin, d, h, w)),
                    m.create(wt, new Shape(cin, cout, k.z(), k.y(), k.x())), k);
            int od = d * k.z(), oh = h * k.y(), ow = w * k.x();
            assertEquals(new Shape(n, cout, od, oh, ow), y.getShape());
            float[] want = new float[n * cout * od * oh * ow];
            for (int b = 0; b < n; b++) {
                for (int i = 0; i < cin; i++) {
                    for (int o = 0; o < cout; o++) {
                        for (int z = 0; z < d; z++) {
                            for (int yy = 0; yy < h; yy++) {
                                for (int xx = 0; xx < w; xx++) {
                                    float xv = x[(((b * cin + i) * d + z) * h + yy) * w + xx];
                                    for (int a = 0; a < k.z(); a++) {
                                        for (int bb = 0; bb < k.y(); bb++) {
                                            for (int cc = 0; cc < k.x(); cc++) {
                                                float wv = wt[(((i * cout + o) * k.z() + a) * k.y() + bb) * k.x() + cc];
                                                int idx = (((b * cout + o) * od + z * k.z() + a) * oh + yy * k.y() + bb)
                                                        * ow + xx * k.x() + cc;
                                                want[idx] += xv * wv;
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            assertArrayEquals(want, y.toFloatArray(), 1e-5f);
        }
    }
}
