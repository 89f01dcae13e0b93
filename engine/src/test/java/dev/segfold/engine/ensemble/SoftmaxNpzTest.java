package dev.segfold.engine.ensemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.engine.image.Volume;
import dev.segfold.engine.testsupport.PythonPeer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SoftmaxNpzTest {
    @TempDir
    Path dir;

    static Volume[] randomSoftmax(int classes, int[] shape, long seed) {
        Random rnd = new Random(seed);
        int n = shape[0] * shape[1] * shape[2];
        float[][] p = new float[classes][n];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            double[] e = new double[classes];
            for (int c = 0; c < classes; c++) {
                e[c] = Math.exp(2 * rnd.nextGaussian());
                sum += e[c];
            }
            for (int c = 0; c < classes; c++) {
                p[c][i] = (float) (e[c] / sum);
            }
        }
        Volume[] out = new Volume[classes];
        for (int c = 0; c < classes; c++) {
            out[c] = new Volume(shape, p[c]);
        }
        return out;
    }

    @Test
    void float32RoundTripIsExact() {
        Volume[] s = randomSoftmax(3, new int[] {4, 5, 6}, 1);
        Path f = dir.resolve("fold0/case_001.npz");
        SoftmaxNpz.write(f, s, SoftmaxNpz.Precision.FLOAT32);
        Volume[] back = SoftmaxNpz.read(f);
        assertEquals(3, back.length);
        for (int c = 0; c < 3; c++) {
            assertArrayEquals(new int[] {4, 5, 6}, back[c].shape());
            assertArrayEquals(s[c].data(), back[c].data(), 0f);
        }
    }

    @Test
    void float16RoundTripKeepsHalfPrecisionAndIsSmaller() throws Exception {
        Volume[] s = randomSoftmax(2, new int[] {8, 9, 10}, 2);
        Path f16 = dir.resolve("a16.npz");
        Path f32 = dir.resolve("a32.npz");
        SoftmaxNpz.write(f16, s, SoftmaxNpz.Precision.FLOAT16);
        SoftmaxNpz.write(f32, s, SoftmaxNpz.Precision.FLOAT32);
        Volume[] back = SoftmaxNpz.read(f16);
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < s[c].size(); i++) {
                float v = s[c].data()[i];
                // half has 11 significant bits: relative error at most 2^-11 for normals
                assertEquals(v, back[c].data()[i], Math.max(Math.abs(v) * 0x1p-11f, 0x1p-25f));
            }
        }
        assertTrue(Files.size(f16) < Files.size(f32));
    }

    @Test
    void halfConversionMatchesNumpyIncludingTiesAndSubnormals() {
        PythonPeer.assumeModules("numpy");
        float[] values = {0f, -0f, 1f, 0.5f, 65504f, 65520f, 1e6f, -2.5f, 1e-5f, 6e-8f, 3e-8f, 2.9802322e-8f,
            1.0004883f, 1.0014648f, 0.33333334f, 5.9604645e-8f, 8.940697e-8f, 6.097555e-5f, Float.NaN,
            Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
        Random rnd = new Random(3);
        float[] all = new float[values.length + 400];
        System.arraycopy(values, 0, all, 0, values.length);
        for (int i = values.length; i < all.length; i++) {
            all[i] = (float) (rnd.nextGaussian() * Math.pow(10, rnd.nextInt(12) - 8));
        }
        StringBuilder lits = new StringBuilder();
        for (float v : all) {
            lits.append(Float.isNaN(v) ? "float('nan')" : Float.isInfinite(v) ? (v > 0 ? "float('inf')" : "float('-inf')")
                    : String.format(Locale.ROOT, "%.9e", v)).append(',');
        }
        String out = PythonPeer.run("""
                import numpy as np
                a = np.array([%s], dtype=np.float32)
                print(' '.join(str(int(b)) for b in a.astype(np.float16).view(np.uint16)))
                """.formatted(lits));
        String[] bits = out.trim().split(" ");
        for (int i = 0; i < all.length; i++) {
            int expected = Integer.parseInt(bits[i]);
            int mine = Half.fromFloat(all[i]) & 0xffff;
            if (Float.isNaN(all[i])) {
                assertTrue((mine & 0x7c00) == 0x7c00 && (mine & 0x3ff) != 0, "NaN stays NaN");
            } else {
                assertEquals(expected, mine, "value " + all[i]);
                float back = Half.toFloat((short) mine);
                assertEquals(Half.fromFloat(back) & 0xffff, mine, "toFloat inverts fromFloat for " + all[i]);
            }
        }
    }

    @Test
    void numpyReadsOurFileAndWeReadNumpysSavezCompressed() throws Exception {
        PythonPeer.assumeModules("numpy");
        Volume[] s = randomSoftmax(3, new int[] {2, 3, 4}, 4);
        Path ours = dir.resolve("ours.npz");
        SoftmaxNpz.write(ours, s, SoftmaxNpz.Precision.FLOAT16);
        Path theirs16 = dir.resolve("theirs16.npz");
        Path theirs32 = dir.resolve("theirs32.npz");
        String out = PythonPeer.run("""
                import numpy as np
                d = np.load('%s')
                a = d['softmax']
                print(a.dtype, a.shape)
                print(' '.join(repr(float(v)) for v in a.ravel()))
                b = np.arange(2 * 3 * 4 * 5, dtype=np.float32).reshape((2, 3, 4, 5)) / 7
                np.savez_compressed('%s', softmax=b.astype(np.float16))
                np.savez_compressed('%s', softmax=b)
                """.formatted(ours, theirs16, theirs32));
        String[] lines = out.strip().split("\n");
        assertEquals("float16 (3, 2, 3, 4)", lines[0]);
        String[] vals = lines[1].split(" ");
        Volume[] back = SoftmaxNpz.read(ours);
        for (int c = 0, k = 0; c < 3; c++) {
            for (int i = 0; i < 24; i++, k++) {
                assertEquals(Float.parseFloat(vals[k]), back[c].data()[i], 0f);
            }
        }
        Volume[] t32 = SoftmaxNpz.read(theirs32);
        Volume[] t16 = SoftmaxNpz.read(theirs16);
        assertEquals(2, t32.length);
        assertArrayEquals(new int[] {3, 4, 5}, t32[1].shape());
        for (int i = 0; i < 60; i++) {
            float expected = (float) (60 + i) / 7;
            assertEquals(expected, t32[1].data()[i], 0f);
            assertEquals(Half.toFloat(Half.fromFloat(expected)), t16[1].data()[i], 0f);
        }
    }

    @Test
    void missingArrayOrBadShapeIsNamed() throws Exception {
        Path f = dir.resolve("x.npz");
        try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(f))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("data.npy"));
            zip.write(new byte[] {1, 2, 3});
            zip.closeEntry();
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SoftmaxNpz.read(f));
        assertTrue(e.getMessage().contains("x.npz") && e.getMessage().contains("data.npy"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SoftmaxNpz.write(dir.resolve("y.npz"),
                new Volume[] {Volume.zeros(1, 2, 3), Volume.zeros(1, 3, 2)}, SoftmaxNpz.Precision.FLOAT32));
    }
}
