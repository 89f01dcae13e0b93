package dev.segfold.packager.bundle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A fold's training log as read from {@code progress.csv}: a header line, then one line per
 * logged iteration. Columns are found by name (case-insensitive): the iteration
 * ({@code iteration}, {@code iter} or {@code step}), the loss ({@code loss} or {@code train_loss}),
 * optionally the running mean ({@code mean_loss}) and the learning rate ({@code learning_rate},
 * {@code lr}); other columns are ignored.
 *
 * @param points the rows, by ascending iteration as written
 */
public record ProgressLog(List<Point> points) {

    /**
     * One logged iteration.
     *
     * @param iteration    the iteration
     * @param loss         the loss, NaN if not logged
     * @param meanLoss     the running mean loss, NaN if not logged
     * @param learningRate the learning rate, NaN if not logged
     */
    public record Point(int iteration, double loss, double meanLoss, double learningRate) {}

    public ProgressLog {
        points = List.copyOf(points);
    }

    /** Whether any point has a loss. */
    public boolean hasLoss() {
        return points.stream().anyMatch(p -> !Double.isNaN(p.loss()));
    }

    /** Whether any point has a learning rate. */
    public boolean hasLearningRate() {
        return points.stream().anyMatch(p -> !Double.isNaN(p.learningRate()));
    }

    /**
     * @param source the file's name, for messages
     * @throws IllegalArgumentException naming the source, line and column when the log is unusable
     */
    public static ProgressLog parse(String csv, String source) {
        List<String> lines = csv.lines().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(source + " is empty");
        }
        List<String> header = Arrays.stream(lines.get(0).split(",", -1))
                .map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
        int iteration = column(header, "iteration", "iter", "step");
        int loss = column(header, "loss", "train_loss");
        int mean = column(header, "mean_loss");
        int lr = column(header, "learning_rate", "lr", "learningrate");
        if (iteration < 0) {
            throw new IllegalArgumentException(source + ": no iteration column in header " + header);
        }
        if (loss < 0 && lr < 0) {
            throw new IllegalArgumentException(source + ": neither a loss nor a learning-rate column in header "
                    + header);
        }
        List<Point> points = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",", -1);
            int line = i + 1;
            points.add(new Point((int) number(cells, iteration, source, line, header),
                    number(cells, loss, source, line, header), number(cells, mean, source, line, header),
                    number(cells, lr, source, line, header)));
        }
        return new ProgressLog(points);
    }

    private static int column(List<String> header, String... names) {
        for (String name : names) {
            int i = header.indexOf(name);
            if (i >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static double number(String[] cells, int column, String source, int line, List<String> header) {
        if (column < 0) {
            return Double.NaN;
        }
        if (column >= cells.length) {
            throw new IllegalArgumentException(source + " line " + line + ": no value for column '"
                    + header.get(column) + "'");
        }
        try {
            return Double.parseDouble(cells[column].trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + " line " + line + ": column '" + header.get(column)
                    + "' has '" + cells[column].trim() + "', not a number");
        }
    }
}
