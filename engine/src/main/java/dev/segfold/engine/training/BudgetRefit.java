package dev.segfold.engine.training;

import dev.segfold.engine.training.validation.ValidationSchedule;
import java.time.Duration;

/**
 * Fits a time-budgeted fold's iteration count again from the fold's own iterations, every tenth
 * of the warm-up's count and last at the first checkpoint, which records the count. The warm-up's
 * few steps run slower than the fold's (the native library and the batch loader warm up), and the
 * fold itself speeds up for minutes as the JIT compiles the augmentation (measured on Hippocampus,
 * base 8: 330 ms an iteration in the first minute, 190-260 ms after the fifth), so neither the
 * warm-up's count nor one early refit alone ends a fold at its budget. Each refit takes the mean
 * time of the iterations since the previous one (the first skips the fold's first few) and the
 * time already spent since the warm-up began. The iterations before a refit ran the poly schedule
 * of the count before it; the schedules differ by a few percent of the learning rate at most. A
 * resumed fold never refits: its count is recorded in its checkpoints.
 */
public final class BudgetRefit {
    /** The count is fitted again every this share of the warm-up's count ... */
    public static final double REFIT_SHARE = 0.1;
    /** ... but not more often than every this many iterations. */
    public static final int LEAST_REFIT_INTERVAL = 60;

    private final IterationFit fit;
    private final long startedNanos;
    private final int saveInterval;
    private final ValidationSchedule validation;

    /**
     * @param fit          the warm-up's fit
     * @param startedNanos {@link System#nanoTime()} when the warm-up began: the budget counts from there
     * @param saveInterval iterations between the fold's checkpoints
     * @param validation   the fold's validation during training, null for none
     */
    public BudgetRefit(IterationFit fit, long startedNanos, int saveInterval, ValidationSchedule validation) {
        this.fit = fit;
        this.startedNanos = startedNanos;
        this.saveInterval = saveInterval;
        this.validation = validation;
    }

    /** The warm-up's fit. */
    public IterationFit warmUpFit() {
        return fit;
    }

    /** Iterations between refits. */
    int interval() {
        return Math.max(LEAST_REFIT_INTERVAL, (int) (fit.iterations() * REFIT_SHARE));
    }

    /** The first iteration timed for the first refit: the fold's first few are not, they run slower. */
    public int firstWindowStart() {
        return Math.min(interval(), saveInterval) / 2;
    }

    /**
     * Whether the count is fitted again after {@code iteration} of {@code count}: at every refit
     * interval before the first checkpoint, and at the first checkpoint, but never at or after the
     * last iteration.
     */
    public boolean refitsAfter(int iteration, int count) {
        return iteration < count && iteration <= saveInterval
                && (iteration % interval() == 0 || iteration == saveInterval);
    }

    /** Whether a fold starting at {@code startIteration} refits at all: only a fresh one. */
    public boolean applies(int startIteration) {
        return startIteration == 0 && firstWindowStart() >= 1;
    }

    /**
     * The count fitted after {@code done} iterations from {@code steadyMsPerIteration}, the mean of
     * the iterations since the previous refit, now.
     */
    public IterationFit refit(int done, double steadyMsPerIteration) {
        return fit.refitted(done, steadyMsPerIteration, Duration.ofNanos(System.nanoTime() - startedNanos),
                saveInterval, validation);
    }
}
