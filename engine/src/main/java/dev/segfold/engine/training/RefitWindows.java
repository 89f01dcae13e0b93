package dev.segfold.engine.training;

/**
 * The step times of a budgeted fold between refits ({@link BudgetRefit}). A refit reads the mean of
 * the last two windows, so that one slow or fast minute on a shared machine does not swing the
 * count, while a lasting change of speed shows within two windows.
 */
final class RefitWindows {
    private long currentNanos;
    private int currentIterations;
    private long previousNanos;
    private int previousIterations;

    /** One timed iteration of the current window. */
    void add(long stepNanos) {
        currentNanos += stepNanos;
        currentIterations++;
    }

    /** Mean milliseconds an iteration over the current and the previous window; a new window starts. */
    double closeWindow() {
        int iterations = currentIterations + previousIterations;
        if (iterations == 0) {
            throw new IllegalStateException("no iteration timed since the refit before the previous one");
        }
        double ms = (currentNanos + previousNanos) / 1e6 / iterations;
        previousNanos = currentNanos;
        previousIterations = currentIterations;
        currentNanos = 0;
        currentIterations = 0;
        return ms;
    }
}
