package dev.segfold.trainer.service;

import dev.segfold.engine.training.TrainingProgress;
import java.util.ArrayList;
import java.util.List;

/**
 * A fold's training curve, one row per progress report, written into every checkpoint as
 * {@code progress.csv} so the packager can plot it. Kept in memory while the fold trains; a resumed
 * fold starts from the rows of the checkpoint it resumes, so the curve has no gap and no repeats.
 */
public final class ProgressHistory {
    /** The file name inside a checkpoint folder. */
    public static final String FILE_NAME = "progress.csv";
    /** The header row. */
    public static final String HEADER = "iteration,loss,mean_loss,learning_rate,ms_per_iteration";

    /**
     * One report.
     *
     * @param iteration      iterations done
     * @param loss           loss of the last iteration
     * @param meanLoss       mean loss since the previous report
     * @param learningRate   learning rate of the last iteration
     * @param msPerIteration mean wall time per iteration since the previous report
     */
    public record Row(int iteration, double loss, double meanLoss, double learningRate, double msPerIteration) {}

    private final List<Row> rows = new ArrayList<>();

    /** An empty history, for a fold that starts at iteration 0. */
    public ProgressHistory() {
    }

    /**
     * The history stored in a checkpoint, cut at the checkpoint's iteration (rows a crashed attempt
     * reported after it would be reported again).
     *
     * @param csv    the {@code progress.csv} content
     * @param source where it came from, for error messages
     */
    public static ProgressHistory parse(String csv, int upToIteration, String source) {
        ProgressHistory history = new ProgressHistory();
        String[] lines = csv.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || (i == 0 && line.equals(HEADER))) {
                continue;
            }
            String[] cells = line.split(",");
            if (cells.length != 5) {
                throw new IllegalArgumentException(source + " line " + (i + 1) + ": expected 5 columns ("
                        + HEADER + "), found " + cells.length);
            }
            try {
                Row row = new Row(Integer.parseInt(cells[0]), Double.parseDouble(cells[1]),
                        Double.parseDouble(cells[2]), Double.parseDouble(cells[3]), Double.parseDouble(cells[4]));
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
        add(new Row(progress.iteration(), progress.loss(), progress.meanLoss(), progress.learningRate(),
                progress.msPerIteration()));
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
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (Row r : rows) {
            csv.append(r.iteration()).append(',').append(r.loss()).append(',').append(r.meanLoss()).append(',')
                    .append(r.learningRate()).append(',').append(r.msPerIteration()).append('\n');
        }
        return csv.toString();
    }

}
