package dev.segfold.packager.bundle;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/**
 * Draws a training log as a PNG with Java2D (headless): training loss, its running mean and the
 * validation loss over iterations in the upper panel, the validation pseudo-Dice and its moving
 * average in the middle one (empty when the fold did not validate while training), learning rate
 * in the lower one. Labels are drawn when the
 * platform has fonts; a server image without fonts still gets the curves.
 */
public final class ProgressPlot {
    static final int WIDTH = 900;
    static final int HEIGHT = 840;
    private static final int MARGIN_LEFT = 80;
    private static final int MARGIN = 30;

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private ProgressPlot() {}

    /** Renders {@code log} to {@code png}; {@code title} names the fold. */
    public static Path write(ProgressLog log, String title, Path png) throws IOException {
        BufferedImage image = render(log, title);
        if (!ImageIO.write(image, "png", png.toFile())) {
            throw new IOException("no PNG writer in this JVM for " + png);
        }
        return png;
    }

    static BufferedImage render(ProgressLog log, String title) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            int panel = (HEIGHT - 4 * MARGIN) / 3;
            label(g, title, MARGIN_LEFT, MARGIN - 10, Color.BLACK);
            panel(g, log.points(), List.of(ProgressLog.Point::loss, ProgressLog.Point::meanLoss,
                    ProgressLog.Point::validationLoss), List.of(new Color(0x1f77b4), new Color(0xd62728),
                    new Color(0xff7f0e)), "loss (blue), mean loss (red), validation loss (orange)", MARGIN, panel);
            panel(g, log.points(), List.of(ProgressLog.Point::pseudoDice, ProgressLog.Point::pseudoDiceEma),
                    List.of(new Color(0x9467bd), new Color(0x8c564b)),
                    "validation pseudo-Dice (purple), moving average (brown)", 2 * MARGIN + panel, panel);
            panel(g, log.points(), List.of(ProgressLog.Point::learningRate), List.of(new Color(0x2ca02c)),
                    "learning rate", 3 * MARGIN + 2 * panel, panel);
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void panel(Graphics2D g, List<ProgressLog.Point> points, List<ToDoubleFunction<ProgressLog.Point>> series,
            List<Color> colors, String name, int top, int height) {
        int left = MARGIN_LEFT;
        int width = WIDTH - MARGIN_LEFT - MARGIN;
        g.setColor(Color.GRAY);
        g.drawRect(left, top, width, height);
        double minX = points.stream().mapToDouble(ProgressLog.Point::iteration).min().orElse(0);
        double maxX = points.stream().mapToDouble(ProgressLog.Point::iteration).max().orElse(1);
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (ToDoubleFunction<ProgressLog.Point> s : series) {
            for (ProgressLog.Point p : points) {
                double v = s.applyAsDouble(p);
                if (Double.isFinite(v)) {
                    minY = Math.min(minY, v);
                    maxY = Math.max(maxY, v);
                }
            }
        }
        label(g, name, left + 5, top + 15, Color.DARK_GRAY);
        if (minY > maxY) {
            label(g, "not logged", left + width / 2 - 30, top + height / 2, Color.GRAY);
            return;
        }
        if (maxY == minY) {
            maxY = minY + Math.max(1e-12, Math.abs(minY) * 0.1);
        }
        if (maxX == minX) {
            maxX = minX + 1;
        }
        label(g, format(maxY), 5, top + 12, Color.DARK_GRAY);
        label(g, format(minY), 5, top + height, Color.DARK_GRAY);
        label(g, Integer.toString((int) minX), left, top + height + 14, Color.DARK_GRAY);
        label(g, Integer.toString((int) maxX), left + width - 40, top + height + 14, Color.DARK_GRAY);
        g.setStroke(new BasicStroke(2f));
        for (int s = 0; s < series.size(); s++) {
            Path2D.Double path = new Path2D.Double();
            boolean started = false;
            for (ProgressLog.Point p : points) {
                double v = series.get(s).applyAsDouble(p);
                if (!Double.isFinite(v)) {
                    continue;
                }
                double x = left + (p.iteration() - minX) / (maxX - minX) * width;
                double y = top + height - (v - minY) / (maxY - minY) * height;
                if (started) {
                    path.lineTo(x, y);
                } else {
                    path.moveTo(x, y);
                    started = true;
                }
            }
            g.setColor(colors.get(s));
            g.draw(path);
        }
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }

    private static void label(Graphics2D g, String text, int x, int y, Color color) {
        try {
            g.setColor(color);
            g.drawString(text, x, y);
        } catch (RuntimeException | InternalError e) {
            // a JRE without fonts cannot draw text; the curves are what matters
        }
    }
}
