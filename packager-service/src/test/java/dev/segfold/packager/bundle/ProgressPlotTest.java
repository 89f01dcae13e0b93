package dev.segfold.packager.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressPlotTest {
    @TempDir
    Path tmp;

    @Test
    void drawsLossAboveAndLearningRateBelow() throws Exception {
        List<ProgressLog.Point> points = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            points.add(new ProgressLog.Point(i * 20, 1.0 / i, 1.2 / i, 0.01 * Math.pow(1 - i / 51.0, 0.9)));
        }
        Path png = ProgressPlot.write(new ProgressLog(points), "run fold 0", tmp.resolve("progress.png"));
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(ProgressPlot.WIDTH, image.getWidth());
        assertEquals(ProgressPlot.HEIGHT, image.getHeight());
        int half = ProgressPlot.HEIGHT / 2;
        assertTrue(countColour(image, 0x1f77b4, 0, half) > 100, "a blue loss curve in the upper half");
        assertTrue(countColour(image, 0x2ca02c, half, ProgressPlot.HEIGHT) > 100, "a green learning-rate curve below");
        assertEquals(0, countColour(image, 0x2ca02c, 0, half), "no learning rate in the loss panel");
    }

    @Test
    void aLogWithOnePointStillRenders() throws Exception {
        Path png = ProgressPlot.write(new ProgressLog(List.of(new ProgressLog.Point(10, 0.5, Double.NaN, Double.NaN))),
                "single", tmp.resolve("one.png"));
        assertEquals(ProgressPlot.WIDTH, ImageIO.read(png.toFile()).getWidth());
    }

    private static int countColour(BufferedImage image, int rgb, int fromY, int toY) {
        int n = 0;
        for (int y = fromY; y < toY; y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == rgb) {
                    n++;
                }
            }
        }
        return n;
    }
}
