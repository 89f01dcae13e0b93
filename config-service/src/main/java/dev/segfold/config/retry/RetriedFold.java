package dev.segfold.config.retry;

/**
 * One fold a {@code POST /runs/{id}/retry} looked at.
 *
 * @param stage         the stage
 * @param configuration the stage's configuration
 * @param fold          the fold
 * @param attempt       the attempt requested, or null if the fold was not retried
 * @param reason        why it was not retried, or null
 */
public record RetriedFold(int stage, String configuration, int fold, Integer attempt, String reason) {
}
