package dev.segfold.engine.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.segfold.engine.testsupport.PythonPeer;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class NumpyMathTest {

    @Test
    void roundsHalfToEvenLikeNumpy() {
        assertEquals(18, NumpyMath.round(17.5));
        assertEquals(18, NumpyMath.round(18.5));
        assertEquals(-2, NumpyMath.round(-2.5));
        assertEquals(3, NumpyMath.round(2.5000001));
    }

    @Test
    void percentileInterpolatesLinearly() {
        double[] v = {6, 2.5, 3, 4, 5, 5, 5, 5, 6, 5};
        // sorted 2.5 3 4 5 5 5 5 5 6 6: index 0.9 -> 2.5 + 0.9 * 0.5
        assertEquals(2.95, NumpyMath.percentile(v, 10), 1e-12);
        assertEquals(5, NumpyMath.percentile(v, 50));
        assertEquals(6, NumpyMath.percentile(v, 100));
        assertEquals(2.5, NumpyMath.percentile(v, 0));
        assertEquals(4.5, NumpyMath.median(new double[] {5, 1, 4, 9}));
    }

    @Test
    void percentilesAndMediansMatchNumpyBitForBit() {
        PythonPeer.assumeModules("numpy");
        Random r = new Random(3);
        double[][] arrays = new double[6][];
        for (int i = 0; i < arrays.length; i++) {
            arrays[i] = r.doubles(1 + r.nextInt(50), -10, 1000).toArray();
        }
        double[] qs = {0.5, 10, 50, 99.5};
        StringBuilder script = new StringBuilder("import numpy as np\n");
        for (double[] a : arrays) {
            String list = Arrays.stream(a).mapToObj(Double::toString).collect(Collectors.joining(","));
            script.append("a=np.array([").append(list).append("])\n");
            for (double q : qs) {
                script.append("print(repr(float(np.percentile(a, ").append(q).append("))))\n");
            }
            script.append("print(repr(float(np.median(a))))\n");
        }
        String[] lines = PythonPeer.run(script.toString()).strip().split("\n");
        int k = 0;
        for (double[] a : arrays) {
            for (double q : qs) {
                assertEquals(Double.parseDouble(lines[k++]), NumpyMath.percentile(a, q), 0, "q " + q);
            }
            assertEquals(Double.parseDouble(lines[k++]), NumpyMath.median(a), 0, "median");
        }
    }
}
