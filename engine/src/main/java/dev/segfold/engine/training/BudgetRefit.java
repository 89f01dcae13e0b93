package dev.segfold.engine.training;

import dev.segfold.engine.training.validation.ValidationSchedule;
import java.time.Duration;

/**
 * Fits a time-budgeted fold's iteration count again as the fold trains, from its own iterations:
 * every tenth of the warm-up's count, until nineteen twentieths of the count. The warm-up's few
 * steps run slower than the fold's (the native library and the batch loader warm up), the fold speeds up
 * for minutes while the JIT compiles the augmentation, and on a shared machine its speed drifts by
 * a third either way over minutes (measured on Hippocampus, docs/BENCHMARKS.md); a count fixed
 * early ended folds 18-25% early, or 11% late, and one refitted until four fifths of the count
 * still ended a fold 5.2% early from the speed of its last fifth. Each refit takes the mean step
 * time of the last two windows ({@link RefitWindows}; the fold's first few steps are not timed) and
 * the time already spent since the warm-up began. The iterations before a refit ran the poly
 * schedule of the count before it; a late refit moves the learning rate of the last few percent of
 * the schedule by a small fraction of its already small value. Every checkpoint records
 * the count of its time, which is not part of the config digest; a resumed fold keeps the count
 * its checkpoint recorded and never refits.
 */
public final class BudgetRefit {
    /** The count is fitted again every this share of the warm-up's count ... */
    public static final double REFIT_SHARE = 0.1;
    /** ... but not more often than every this many iterations ... */
    public static final int LEAST_REFIT_INTERVAL = 60;
    /** ... and not after this share of the count: the last window is too short to time. */
    public static final double LAST_REFIT_SHARE = 0.95;

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
        return interval() / 2;
    }

    /** Whether the count is fitted again after {@code iteration} of {@code count}. */
    public boolean refitsAfter(int iteration, int count) {
        return iteration % interval() == 0 && iteration <= LAST_REFIT_SHARE * count;
    }

    /** Whether a fold starting at {@code startIteration} refits at all: only a fresh one. */
    public boolean applies(int startIteration) {
        return startIteration == 0;
    }

    /**
     * The count fitted after {@code done} iterations from {@code steadyMsPerIteration}, the mean of
     * the iterations of the last two windows, now.
     */
    public IterationFit refit(int done, double steadyMsPerIteration) {
        return fit.refitted(done, steadyMsPerIteration, Duration.ofNanos(System.nanoTime() - startedNanos),
                saveInterval, validation);
    }
}
