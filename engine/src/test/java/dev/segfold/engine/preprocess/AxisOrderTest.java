package dev.segfold.engine.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.segfold.engine.image.Volume;
import org.junit.jupiter.api.Test;

class AxisOrderTest {
    @Test
    void transposeFollowsNumpySemantics() {
        Volume v = Volume.zeros(2, 3, 4);
        float[] d = v.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = i;
        }
        int[] axes = {2, 0, 1};
        Volume t = AxisOrder.transpose(v, axes);
        assertArrayEquals(new int[] {4, 2, 3}, t.shape());
        for (int z = 0; z < 2; z++) {
            for (int y = 0; y < 3; y++) {
                for (int x = 0; x < 4; x++) {
                    // t[i0, i1, i2] = v[...] with input axis axes[k] at output position k
                    assertEquals(v.get(z, y, x), t.get(x, z, y));
                }
            }
        }
        Volume back = AxisOrder.transpose(t, AxisOrder.inverse(axes));
        assertArrayEquals(v.shape(), back.shape());
        assertArrayEquals(v.data(), back.data());
        assertArrayEquals(new double[] {3, 1, 2}, AxisOrder.permute(new double[] {1, 2, 3}, axes));
    }

    @Test
    void rejectsNonPermutations() {
        assertThrows(IllegalArgumentException.class, () -> AxisOrder.inverse(new int[] {0, 0, 1}));
        assertThrows(IllegalArgumentException.class, () -> AxisOrder.inverse(new int[] {0, 1}));
    }
}
