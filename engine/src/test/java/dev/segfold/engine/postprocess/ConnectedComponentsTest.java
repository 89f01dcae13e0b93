package dev.segfold.engine.postprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.segfold.engine.image.Volume;
import dev.segfold.engine.testsupport.PythonPeer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ConnectedComponentsTest {

    @Test
    void facesConnectButEdgesAndCornersDoNot() {
        int[] shape = {2, 3, 3};
        boolean[] m = new boolean[18];
        Volume idx = Volume.zeros(shape);
        m[idx.index(0, 0, 0)] = true;
        m[idx.index(0, 0, 1)] = true; // face neighbour of (0,0,0)
        m[idx.index(0, 1, 2)] = true; // edge neighbour of (0,0,1): separate
        m[idx.index(1, 2, 2)] = true; // shares only an edge with (0,1,2): separate
        m[idx.index(1, 2, 1)] = true; // face neighbour of (1,2,2)
        ConnectedComponents cc = ConnectedComponents.of(m, shape);
        assertEquals(3, cc.count());
        assertEquals(1, cc.labels()[idx.index(0, 0, 1)]);
        assertEquals(2, cc.labels()[idx.index(0, 1, 2)]);
        assertEquals(3, cc.labels()[idx.index(1, 2, 2)]);
        assertEquals(3, cc.labels()[idx.index(1, 2, 1)]);
        assertArrayEquals(new long[] {0, 2, 1, 2}, cc.voxelCounts());
    }

    @Test
    void matchesScipyLabelOnRandomMasks() {
        PythonPeer.assumeModules("numpy", "scipy.ndimage");
        Random rnd = new Random(11);
        int[][] shapes = {{6, 7, 8}, {1, 9, 9}, {10, 4, 5}};
        double[] densities = {0.2, 0.45, 0.6};
        StringBuilder py = new StringBuilder("import numpy as np\nfrom scipy.ndimage import label\n");
        boolean[][] masks = new boolean[shapes.length * densities.length][];
        int k = 0;
        for (int[] s : shapes) {
            for (double d : densities) {
                boolean[] m = new boolean[s[0] * s[1] * s[2]];
                StringBuilder bits = new StringBuilder();
                for (int i = 0; i < m.length; i++) {
                    m[i] = rnd.nextDouble() < d;
                    bits.append(m[i] ? '1' : '0');
                }
                masks[k++] = m;
                py.append("a = np.array([int(c) for c in '").append(bits).append("']).reshape((")
                        .append(s[0]).append(",").append(s[1]).append(",").append(s[2]).append("))\n")
                        .append("l, n = label(a)\nprint(n, ' '.join(map(str, l.ravel())))\n");
            }
        }
        String[] lines = PythonPeer.run(py.toString()).strip().split("\n");
        k = 0;
        for (int[] s : shapes) {
            for (double d : densities) {
                int[] ref = Arrays.stream(lines[k].trim().split(" ")).mapToInt(Integer::parseInt).toArray();
                ConnectedComponents cc = ConnectedComponents.of(masks[k], s);
                String what = Arrays.toString(s) + " density " + d;
                assertEquals(ref[0], cc.count(), what);
                assertArrayEquals(Arrays.copyOfRange(ref, 1, ref.length), cc.labels(), what);
                k++;
            }
        }
    }
}
