package dev.segfold.engine.ensemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.engine.image.Volume;
import dev.segfold.engine.testsupport.PythonPeer;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelNpzTest {
    @TempDir
    Path dir;

    static Volume randomLabels(int[] shape, int classes, long seed) {
        Random rnd = new Random(seed);
        float[] v = new float[shape[0] * shape[1] * shape[2]];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextInt(classes);
        }
        return new Volume(shape, v);
    }

    @Test
    void roundTripIsExact() {
        Volume labels = randomLabels(new int[] {3, 4, 5}, 3, 1);
        Path f = dir.resolve("next_stage/case_001.npz");
        LabelNpz.write(f, labels);
        Volume back = LabelNpz.read(f);
        assertArrayEquals(labels.shape(), back.shape());
        assertArrayEquals(labels.data(), back.data(), 0f);
    }

    @Test
    void refusesValuesThatAreNotLabels() {
        Volume bad = new Volume(new int[] {1, 1, 2}, new float[] {0, 1.5f});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LabelNpz.write(dir.resolve("bad.npz"), bad));
        assertTrue(e.getMessage().contains("bad.npz") && e.getMessage().contains("1.5"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> LabelNpz.write(dir.resolve("neg.npz"), new Volume(new int[] {1, 1, 1}, new float[] {-1})));
    }

    @Test
    void numpyReadsOursAndWeReadNnUNetsSegFromPrevStage() {
        PythonPeer.assumeModules("numpy");
        Volume labels = randomLabels(new int[] {2, 3, 4}, 3, 2);
        Path ours = dir.resolve("ours.npz");
        LabelNpz.write(ours, labels);
        Path theirs = dir.resolve("case_segFromPrevStage.npz");
        String out = PythonPeer.run("""
                import numpy as np
                a = np.load('%s')['data']
                print(a.dtype, a.shape)
                print(' '.join(str(int(v)) for v in a.ravel()))
                b = (np.arange(3 * 4 * 5) %% 3).astype(np.uint8).reshape((3, 4, 5))
                np.savez_compressed('%s', data=b)
                """.formatted(ours, theirs));
        String[] lines = out.strip().split("\n");
        assertEquals("uint8 (2, 3, 4)", lines[0]);
        String[] vals = lines[1].split(" ");
        for (int i = 0; i < vals.length; i++) {
            assertEquals(labels.data()[i], Float.parseFloat(vals[i]), 0f);
        }
        Volume t = LabelNpz.read(theirs);
        assertArrayEquals(new int[] {3, 4, 5}, t.shape());
        for (int i = 0; i < t.size(); i++) {
            assertEquals(i % 3, t.data()[i], 0f);
        }
    }
}
