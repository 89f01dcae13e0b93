package dev.segfold.engine.workflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.engine.ensemble.LabelNpz;
import dev.segfold.engine.image.Volume;
import dev.segfold.engine.preprocess.PreprocessedCase;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CascadeInputTest {
    @TempDir
    Path dir;

    @Test
    void appendsOneIndicatorChannelPerForegroundLabel() {
        int[] shape = {1, 2, 3};
        Volume image = new Volume(shape, new float[] {.1f, .2f, .3f, .4f, .5f, .6f});
        Volume previous = new Volume(shape, new float[] {0, 1, 2, 2, 1, 0});
        PreprocessedCase c = new PreprocessedCase("case_1", new Volume[] {image}, null, null);
        PreprocessedCase withPrevious = CascadeInput.withPreviousStage(c, previous, new int[] {1, 2});
        assertEquals(3, withPrevious.data().length);
        assertSame(image, withPrevious.data()[0]);
        assertArrayEquals(new float[] {0, 1, 0, 0, 1, 0}, withPrevious.data()[1].data(), 0f);
        assertArrayEquals(new float[] {0, 0, 1, 1, 0, 0}, withPrevious.data()[2].data(), 0f);
        assertEquals(1, c.data().length, "the input case is left as it was");
    }

    @Test
    void refusesAMapOfAnotherShape() {
        PreprocessedCase c = new PreprocessedCase("case_7", new Volume[] {Volume.zeros(2, 2, 2)}, null, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CascadeInput.withPreviousStage(c, Volume.zeros(2, 2, 3), new int[] {1}));
        assertTrue(e.getMessage().contains("case_7"), e.getMessage());
    }

    @Test
    void folderMapsNameTheMissingFile() throws IOException {
        LabelNpz.write(dir.resolve(NextStagePrediction.fileName("a")), Volume.zeros(1, 1, 2));
        PreviousStageMaps maps = PreviousStageMaps.folder(dir);
        assertArrayEquals(new int[] {1, 1, 2}, maps.labels("a").shape());
        IOException e = assertThrows(IOException.class, () -> maps.labels("b"));
        assertTrue(e.getMessage().contains("b.npz"), e.getMessage());
    }
}
