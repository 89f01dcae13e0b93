package dev.segfold.engine.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.segfold.engine.testsupport.PythonPeer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlidingWindowStepsTest {

    @Test
    void nnUNetsOwnCommentExample() {
        // neural_network.py: "image size of 110, patch size of 64 and step_size of 0.5 ... 0, 23, 46"
        assertArrayEquals(new int[] {0, 23, 46}, SlidingWindowSteps.along(64, 110, 0.5));
    }

    @Test
    void handWorkedPositions() {
        assertArrayEquals(new int[] {0}, SlidingWindowSteps.along(64, 64, 0.5));
        // n = ceil(5 / 2) + 1 = 4, stride 5/3
        assertArrayEquals(new int[] {0, 2, 3, 5}, SlidingWindowSteps.along(4, 9, 0.5));
        // step 0.25: n = ceil(12 / 2) + 1 = 7, stride 2
        assertArrayEquals(new int[] {0, 2, 4, 6, 8, 10, 12}, SlidingWindowSteps.along(8, 20, 0.25));
    }

    @Test
    void halvesRoundToEvenLikeNumpy() {
        // step 1: n = ceil(5 / 4) + 1 = 3, stride 2.5 -> np.round(2.5) == 2
        assertArrayEquals(new int[] {0, 2, 5}, SlidingWindowSteps.along(4, 9, 1.0));
    }

    @Test
    void matchesNumpyOnAGrid() {
        PythonPeer.assumeModules("numpy");
        List<int[]> cases = new ArrayList<>();
        StringBuilder py = new StringBuilder("import numpy as np\n");
        py.append("def steps(p, s, st):\n")
                .append("    t = p * st\n")
                .append("    n = int(np.ceil((s - p) / t)) + 1\n")
                .append("    a = (s - p) / (n - 1) if n > 1 else 99999999999\n")
                .append("    return [int(np.round(a * i)) for i in range(n)]\n");
        double[] stepSizes = {0.5, 0.25, 1.0, 0.33};
        for (int p = 1; p <= 9; p += 2) {
            for (int s = p; s <= p + 23; s += 3) {
                for (int k = 0; k < stepSizes.length; k++) {
                    cases.add(new int[] {p, s, k});
                    py.append("print(' '.join(map(str, steps(").append(p).append(", ").append(s).append(", ")
                            .append(stepSizes[k]).append("))))\n");
                }
            }
        }
        String[] lines = PythonPeer.run(py.toString()).strip().split("\n");
        assertEquals(cases.size(), lines.length);
        for (int i = 0; i < lines.length; i++) {
            int[] c = cases.get(i);
            int[] expected = java.util.Arrays.stream(lines[i].trim().split(" ")).mapToInt(Integer::parseInt).toArray();
            assertArrayEquals(expected, SlidingWindowSteps.along(c[0], c[1], stepSizes[c[2]]),
                    "patch " + c[0] + " size " + c[1] + " step " + stepSizes[c[2]]);
        }
    }

    @Test
    void rejectsImageSmallerThanPatchAndBadStep() {
        assertThrows(IllegalArgumentException.class, () -> SlidingWindowSteps.along(8, 7, 0.5));
        assertThrows(IllegalArgumentException.class, () -> SlidingWindowSteps.along(8, 9, 0));
        assertThrows(IllegalArgumentException.class, () -> SlidingWindowSteps.along(8, 9, 1.5));
    }
}
