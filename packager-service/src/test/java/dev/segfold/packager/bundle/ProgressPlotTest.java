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
    void theValidationDuringTrainingGetsTheMiddlePanel() throws Exception {
        String csv = new StringBuilder("iteration,loss,mean_loss,learning_rate,ms_per_iteration,validation_loss,"
                + "pseudo_dice,pseudo_dice_ema,pseudo_dice_per_class\n").toString();
        StringBuilder rows = new StringBuilder(csv);
        for (int i = 1; i <= 40; i++) {
            boolean epoch = i % 4 == 0;
            rows.append(i * 10).append(',').append(1.0 / i).append(',').append(1.1 / i).append(",0.01,100,")
                    .append(epoch ? String.valueOf(1.2 / i) : "").append(',')
                    .append(epoch ? String.valueOf(i / 40.0) : "").append(',')
                    .append(epoch ? String.valueOf(i / 45.0) : "").append(',')
                    .append(epoch ? (i / 40.0) + ";" : "").append('\n');
        }
        ProgressLog log = ProgressLog.parse(rows.toString(), "progress.csv");
        assertTrue(log.hasValidation());
        assertEquals(0.2, log.points().get(7).pseudoDice(), 1e-12);
        assertTrue(Double.isNaN(log.points().get(0).pseudoDice()), "no validation on that row");
        BufferedImage image = ImageIO.read(ProgressPlot.write(log, "fold 0", tmp.resolve("v.png")).toFile());
        int third = ProgressPlot.HEIGHT / 3;
        assertTrue(countColour(image, 0x9467bd, third, 2 * third) > 100, "a purple pseudo-Dice curve in the middle");
        assertTrue(countColour(image, 0xff7f0e, 0, third) > 50, "the orange validation loss beside the loss");
        assertEquals(0, countColour(image, 0x9467bd, 0, third));
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
