package dev.segfold.engine.evaluation;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The descriptive top-level fields of a summary.json.
 *
 * @param name experiment name
 * @param description free text
 * @param task data set, e.g. "Task04_Hippocampus"
 * @param author who produced it
 * @param timestamp when, as Python's {@code str(datetime.today())} writes it
 */
public record SummaryHeader(String name, String description, String task, String author, String timestamp) {
    private static final DateTimeFormatter PYTHON_DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    /** A header stamped now, with empty name and description like nnU-Net's defaults. */
    public static SummaryHeader now(String task, String author) {
        return new SummaryHeader("", "", task, author, LocalDateTime.now().format(PYTHON_DATETIME));
    }
}
