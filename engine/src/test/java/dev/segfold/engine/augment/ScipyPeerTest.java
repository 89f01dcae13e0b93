package dev.segfold.engine.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.engine.image.Volume;
import dev.segfold.engine.testsupport.Float32Files;
import dev.segfold.engine.testsupport.PythonPeer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compares the interpolation building blocks with the scipy / skimage calls batchgenerators
 * makes, run by Debian's /usr/bin/python3. Skipped where that Python lacks scipy or skimage.
 */
class ScipyPeerTest {
    private static final int[] IN = {12, 14, 10};
    private static final int[] OUT = {8, 9, 7};

    private static final String SCRIPT = String.join("\n",
            "import sys, numpy as np",
            "from scipy.ndimage import map_coordinates, gaussian_filter",
            "from skimage.transform import resize",
            "d = sys.argv[1]",
            "IN = (12, 14, 10); OUT = (8, 9, 7)",
            "img = np.fromfile(d + '/img.raw', '<f4').reshape(IN).astype(float)",
            "seg = np.fromfile(d + '/seg.raw', '<f4').reshape(IN)",
            "M = np.fromfile(d + '/m.raw', '<f8').reshape(3, 3)",
            "grid = np.stack(np.meshgrid(*[np.arange(n) - (n - 1) / 2. for n in OUT], indexing='ij')).reshape(3, -1)",
            "coords = (M @ grid) + (np.array(IN) / 2. - 0.5)[:, None]",
            "coords = coords.reshape((3,) + OUT)",
            "map_coordinates(img, coords, order=3, mode='constant', cval=0).astype('<f4').tofile(d + '/cubic.raw')",
            "res = np.zeros(OUT, np.float32)",
            "for c in np.unique(seg):",
            "    r = map_coordinates((seg == c).astype(float), coords, order=1, mode='constant', cval=-1)",
            "    res[r >= 0.5] = c",
            "res.astype('<f4').tofile(d + '/labels.raw')",
            "oob = np.zeros(OUT, bool)",
            "for a in range(3): oob |= (coords[a] < 0) | (coords[a] > IN[a] - 1)",
            "oob.astype('<f4').tofile(d + '/oob.raw')",
            "resize(img, (7, 9, 6), order=3, mode='edge', anti_aliasing=False).astype('<f4').tofile(d + '/down3.raw')",
            "resize(img, (17, 20, 13), order=3, mode='edge', anti_aliasing=False).astype('<f4').tofile(d + '/up3.raw')",
            "resize(img, (6, 9, 5), order=0, mode='edge', anti_aliasing=False).astype('<f4').tofile(d + '/near.raw')",
            "gaussian_filter(img, 0.8).astype('<f4').tofile(d + '/blur.raw')",
            "");

    @TempDir
    static Path dir;
    private static Volume img;
    private static Volume seg;
    private static double[][] matrix;

    @BeforeAll
    static void runPeer() throws IOException, InterruptedException {
        PythonPeer.assumeModules("numpy", "scipy.ndimage", "skimage.transform");
        img = Volumes.random(IN, 21);
        seg = Volumes.labels(IN);
        matrix = SpatialTransform.multiply(SpatialTransform.rotation(0.4, -0.3, 0.25),
                new double[][] {{1.1, 0, 0}, {0, 1.1, 0}, {0, 0, 1.1}});
        Float32Files.write(dir.resolve("img.raw"), img.data());
        Float32Files.write(dir.resolve("seg.raw"), seg.data());
        ByteBuffer m = ByteBuffer.allocate(72).order(ByteOrder.LITTLE_ENDIAN);
        for (double[] row : matrix) {
            for (double v : row) {
                m.putDouble(v);
            }
        }
        Files.write(dir.resolve("m.raw"), m.array());
        PythonPeer.run(SCRIPT, "", PythonPeer.DEFAULT_TIMEOUT, dir.toString());
    }

    @Test
    void cubicMapCoordinatesMatchesScipy() throws IOException {
        float[] expected = peer("cubic.raw");
        float[] got = new AffineResampler(IN, OUT, matrix, false).sampleIntensity(img).data();
        assertClose(expected, got, 1e-4, "map_coordinates order 3");
    }

    @Test
    void labelInterpolationMatchesBatchgeneratorsInsideTheInput() throws IOException {
        float[] expected = peer("labels.raw");
        float[] oob = peer("oob.raw");
        float[] got = new AffineResampler(IN, OUT, matrix, false).sampleLabels(seg).data();
        int inside = 0;
        for (int i = 0; i < got.length; i++) {
            if (oob[i] != 0) {
                assertEquals(-1f, got[i], "outside the input is border -1 (v1 gives 0 there), voxel " + i);
            } else {
                assertEquals(expected[i], got[i], "voxel " + i);
                inside++;
            }
        }
        assertTrue(inside > got.length / 2, "most voxels are inside: " + inside);
    }

    @Test
    void resizeMatchesSkimage() throws IOException {
        assertClose(peer("down3.raw"), Resize.cubic(img, new int[] {7, 9, 6}).data(), 1e-4, "down cubic");
        assertClose(peer("up3.raw"), Resize.cubic(img, new int[] {17, 20, 13}).data(), 1e-4, "up cubic");
        assertClose(peer("near.raw"), Resize.nearest(img, new int[] {6, 9, 5}).data(), 0, "nearest");
    }

    @Test
    void gaussianFilterMatchesScipy() throws IOException {
        Volume v = img.copy();
        GaussianFilter.apply(v, 0.8);
        assertClose(peer("blur.raw"), v.data(), 1e-5, "gaussian_filter");
    }

    /** What the peer script wrote to {@code name}. */
    private static float[] peer(String name) throws IOException {
        return Float32Files.read(dir.resolve(name));
    }

    private static void assertClose(float[] expected, float[] got, double tol, String what) {
        assertEquals(expected.length, got.length, what + " length");
        double worst = 0;
        for (int i = 0; i < got.length; i++) {
            worst = Math.max(worst, Math.abs(expected[i] - got[i]));
        }
        assertTrue(worst <= tol, what + ": largest difference " + worst);
    }
}
