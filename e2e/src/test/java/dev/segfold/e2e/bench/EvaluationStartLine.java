package dev.segfold.e2e.bench;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The evaluator's evaluation-start mark, read from one line of its log:
 * {@code ... INFO [...] (evaluator-pool-1) evaluation-start manifest=<key> epochMillis=<t>}, logged
 * by {@code CheckpointEvaluator.handle} as it begins on a checkpoint. Whatever the log format puts
 * before the message is ignored.
 *
 * @param manifestKey  object key of the {@code checkpoint.json} being handled
 * @param epochMillis  the evaluator's wall clock at that moment, ms since the epoch
 */
public record EvaluationStartLine(String manifestKey, long epochMillis) {

    private static final Pattern MARK = Pattern.compile("(?:^|\\s)evaluation-start manifest=(\\S+) epochMillis=(\\d{1,18})\\b");

    /** The mark in {@code line}, or empty when the line is not one. */
    public static Optional<EvaluationStartLine> parse(String line) {
        Matcher m = MARK.matcher(line);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(new EvaluationStartLine(m.group(1), Long.parseLong(m.group(2))));
    }
}
