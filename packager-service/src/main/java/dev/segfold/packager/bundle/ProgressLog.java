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
 * {@code lr}) and the validation during training ({@code validation_loss}, {@code pseudo_dice},
 * {@code pseudo_dice_ema}, empty on rows that ended no epoch); other columns are ignored.
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
     * @param validationLoss the validation loss of the epoch that ended here, NaN on other rows
     * @param pseudoDice   that epoch's mean pseudo-Dice, NaN on other rows
     * @param pseudoDiceEma its moving average, NaN on other rows
     */
    public record Point(int iteration, double loss, double meanLoss, double learningRate, double validationLoss,
            double pseudoDice, double pseudoDiceEma) {

        /** A row without validation. */
        public Point(int iteration, double loss, double meanLoss, double learningRate) {
            this(iteration, loss, meanLoss, learningRate, Double.NaN, Double.NaN, Double.NaN);
        }
    }

    public ProgressLog {
        points = List.copyOf(points);
    }

    /** Whether any point has a loss. */
    public boolean hasLoss() {
        return points.stream().anyMatch(p -> !Double.isNaN(p.loss()));
    }

    /** Whether any point has a validation during training. */
    public boolean hasValidation() {
        return points.stream().anyMatch(p -> !Double.isNaN(p.validationLoss()) || !Double.isNaN(p.pseudoDice()));
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
        int validationLoss = column(header, "validation_loss", "val_loss");
        int dice = column(header, "pseudo_dice");
        int ema = column(header, "pseudo_dice_ema");
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
                    number(cells, lr, source, line, header), optional(cells, validationLoss, source, line, header),
                    optional(cells, dice, source, line, header), optional(cells, ema, source, line, header)));
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

    /** A cell that is empty on rows without a value (the validation columns). */
    private static double optional(String[] cells, int column, String source, int line, List<String> header) {
        if (column >= 0 && column < cells.length && cells[column].isBlank()) {
            return Double.NaN;
        }
        return number(cells, column, source, line, header);
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
