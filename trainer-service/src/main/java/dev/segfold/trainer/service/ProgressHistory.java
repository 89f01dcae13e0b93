package dev.segfold.trainer.service;

import dev.segfold.engine.training.TrainingProgress;
import dev.segfold.engine.training.validation.EpochValidation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A fold's training curve, one row per progress report, written into every checkpoint as
 * {@code progress.csv} so the packager can plot it. Kept in memory while the fold trains; a resumed
 * fold starts from the rows of the checkpoint it resumes, so the curve has no gap and no repeats.
 * Rows of an iteration that ended an epoch carry the validation (loss, mean pseudo-Dice, its moving
 * average and the per-class values joined by {@code ;}); other rows leave those cells empty.
 */
public final class ProgressHistory {
    /** The file name inside a checkpoint folder. */
    public static final String FILE_NAME = "progress.csv";
    /** The header row of the training columns, all a file had before validation during training. */
    static final String TRAINING_HEADER = "iteration,loss,mean_loss,learning_rate,ms_per_iteration";
    /** The header row. */
    public static final String HEADER = TRAINING_HEADER
            + ",validation_loss,pseudo_dice,pseudo_dice_ema,pseudo_dice_per_class";

    /**
     * One report.
     *
     * @param iteration      iterations done
     * @param loss           loss of the last iteration
     * @param meanLoss       mean loss since the previous report
     * @param learningRate   learning rate of the last iteration
     * @param msPerIteration mean wall time per iteration since the previous report
     * @param validationLoss validation loss of the epoch that ended here, null on other rows
     * @param pseudoDice     mean pseudo-Dice of that epoch, null on other rows or where undefined
     * @param pseudoDiceEma  moving average after that epoch, null on other rows or before any defined Dice
     * @param pseudoDicePerClass per foreground class (null entries: undefined); null on other rows
     */
    public record Row(int iteration, double loss, double meanLoss, double learningRate, double msPerIteration,
            Double validationLoss, Double pseudoDice, Double pseudoDiceEma, List<Double> pseudoDicePerClass) {

        /** A row without validation. */
        public Row(int iteration, double loss, double meanLoss, double learningRate, double msPerIteration) {
            this(iteration, loss, meanLoss, learningRate, msPerIteration, null, null, null, null);
        }
    }

    private final List<Row> rows = new ArrayList<>();

    /** An empty history, for a fold that starts at iteration 0. */
    public ProgressHistory() {
    }

    /**
     * The history stored in a checkpoint, cut at the checkpoint's iteration (rows a crashed attempt
     * reported after it would be reported again). Files written before validation during training
     * (5 columns) read as rows without validation.
     *
     * @param csv    the {@code progress.csv} content
     * @param source where it came from, for error messages
     */
    public static ProgressHistory parse(String csv, int upToIteration, String source) {
        ProgressHistory history = new ProgressHistory();
        String[] lines = csv.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || (i == 0 && (line.equals(HEADER) || line.equals(TRAINING_HEADER)))) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (cells.length != 5 && cells.length != 9) {
                throw new IllegalArgumentException(source + " line " + (i + 1) + ": expected 9 columns ("
                        + HEADER + ") or the 5 training columns, found " + cells.length);
            }
            try {
                Row row = cells.length == 5
                        ? new Row(Integer.parseInt(cells[0]), Double.parseDouble(cells[1]),
                                Double.parseDouble(cells[2]), Double.parseDouble(cells[3]), Double.parseDouble(cells[4]))
                        : new Row(Integer.parseInt(cells[0]), Double.parseDouble(cells[1]),
                                Double.parseDouble(cells[2]), Double.parseDouble(cells[3]),
                                Double.parseDouble(cells[4]), optional(cells[5]), optional(cells[6]),
                                optional(cells[7]), perClass(cells[8]));
                if (row.iteration() <= upToIteration) {
                    history.add(row);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(source + " line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return history;
    }

    /** Appends a report; a report at or before the last row's iteration replaces the rows from there. */
    public synchronized void append(TrainingProgress progress) {
        EpochValidation v = progress.validation();
        add(new Row(progress.iteration(), progress.loss(), progress.meanLoss(), progress.learningRate(),
                progress.msPerIteration(), v == null ? null : v.loss(), v == null ? null : finite(v.meanDice()),
                v == null ? null : finite(v.ema()), v == null ? null : v.perClassDice()));
    }

    private synchronized void add(Row row) {
        rows.removeIf(r -> r.iteration() >= row.iteration());
        rows.add(row);
    }

    /** The rows so far, oldest first. */
    public synchronized List<Row> rows() {
        return List.copyOf(rows);
    }

    /** The CSV form: header, then one row per report. */
    public synchronized String toCsv() {
        return toCsvUpTo(Integer.MAX_VALUE);
    }

    /** The CSV form of the rows up to {@code iteration}: the curve as a checkpoint of that iteration saw it. */
    public synchronized String toCsvUpTo(int iteration) {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (Row r : rows) {
            if (r.iteration() > iteration) {
                break;
            }
            csv.append(r.iteration()).append(',').append(r.loss()).append(',').append(r.meanLoss()).append(',')
                    .append(r.learningRate()).append(',').append(r.msPerIteration()).append(',')
                    .append(cell(r.validationLoss())).append(',').append(cell(r.pseudoDice())).append(',')
                    .append(cell(r.pseudoDiceEma())).append(',');
            if (r.pseudoDicePerClass() != null) {
                csv.append(String.join(";", r.pseudoDicePerClass().stream().map(ProgressHistory::cell).toList()));
            }
            csv.append('\n');
        }
        return csv.toString();
    }

    private static String cell(Double value) {
        return value == null ? "" : String.valueOf(value);
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static Double optional(String cell) {
        return cell.isEmpty() ? null : Double.parseDouble(cell);
    }

    private static List<Double> perClass(String cell) {
        if (cell.isEmpty()) {
            return null;
        }
        return Arrays.stream(cell.split(";", -1)).map(ProgressHistory::optional).toList();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "ProgressHistory[%d rows]", rows.size());
    }
}
