package dev.segfold.engine.training;

import dev.segfold.engine.training.validation.ValidationSchedule;
import java.time.Duration;

/**
 * How many iterations of a fold fit in its time budget: first from a measured warm-up (the fold's
 * own network, batches and loader on this machine, timed before training starts), then again from
 * the fold's own iterations as it trains ({@link BudgetRefit}). The budget
 * covers the warm-up and every iteration with its checkpoints and its validations during training.
 *
 * @param iterations           the count training then runs its whole poly schedule over
 * @param msPerIteration       time of one iteration: the warm-up's mean, or once refitted the mean of
 *                             the fold's own iterations since the refit before
 * @param msPerCheckpoint      measured time of writing one checkpoint, doubled for its upload
 * @param msPerValidationBatch measured time of one validation batch (a forward pass), 0 where the fold
 *                             does not validate
 * @param warmupMsPerIteration the warm-up's mean time of one iteration
 * @param warmupIterations     timed warm-up steps (after untimed ones that let the loader fill up)
 * @param warmup               wall time of the whole warm-up, part of the budget
 * @param budget               the fold's budget
 * @param refittedAt           the iteration the count was last fitted again at, 0 while it is the warm-up's
 */
public record IterationFit(int iterations, double msPerIteration, double msPerCheckpoint, double msPerValidationBatch,
        double warmupMsPerIteration, int warmupIterations, Duration warmup, Duration budget, int refittedAt) {

    /**
     * Share of the budget kept free for what neither fit can see (progress events, the final
     * validation and checkpoint). Small, because refits go on until the last twentieth: 2% moved
     * every fold of the 12-minute run 2% early, which is most of the 5% a fold may miss by.
     */
    public static final double SLACK = 0.005;

    public IterationFit {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be >= 1, got " + iterations);
        }
    }

    /**
     * The count that ends training within {@code budget}: after {@code spent} (the warm-up), each
     * iteration costs the measured time, every {@code saveInterval}-th one a checkpoint too and every
     * epoch a validation, with {@link #SLACK} of the budget kept free.
     *
     * @param validation the fold's validation during training, null for none
     * @throws IllegalArgumentException when not one iteration fits, saying what the warm-up measured
     */
    public static IterationFit of(Duration budget, Duration spent, WarmUp.Measurement measured, int saveInterval,
            ValidationSchedule validation) {
        long n = count(budget, spent, measured, saveInterval, validation);
        if (n < 1) {
            throw new IllegalArgumentException(String.format(
                    "time budget %ds is too short: the warm-up took %.1f s and one iteration %.0f ms here",
                    budget.toSeconds(), spent.toMillis() / 1000.0, measured.msPerIteration()));
        }
        return new IterationFit((int) Math.min(n, Integer.MAX_VALUE), measured.msPerIteration(),
                measured.msPerCheckpoint(), measured.msPerValidationBatch(), measured.msPerIteration(),
                measured.timedSteps(), spent, budget, 0);
    }

    /** Iterations that fit in what is left of {@code budget} after {@code spent}; 0 or less when none does. */
    public static long count(Duration budget, Duration spent, WarmUp.Measurement measured, int saveInterval,
            ValidationSchedule validation) {
        return fitting(budget, spent, measured.msPerIteration(), measured.msPerCheckpoint(),
                measured.msPerValidationBatch(), saveInterval, validation);
    }

    /**
     * The count fitted again after {@code done} iterations of the fold itself, from their recent
     * speed and the time {@code elapsed} since the warm-up began. The fitted count is never below
     * {@code done + 1}.
     */
    public IterationFit refitted(int done, double steadyMsPerIteration, Duration elapsed, int saveInterval,
            ValidationSchedule validation) {
        long more = fitting(budget, elapsed, steadyMsPerIteration, msPerCheckpoint, msPerValidationBatch, saveInterval,
                validation);
        long n = Math.max(done + 1L, done + more);
        return new IterationFit((int) Math.min(n, Integer.MAX_VALUE), steadyMsPerIteration, msPerCheckpoint,
                msPerValidationBatch, warmupMsPerIteration, warmupIterations, warmup, budget, done);
    }

    /** Iterations that fit in what is left of the budget after {@code spent}. */
    private static long fitting(Duration budget, Duration spent, double msPerIteration, double msPerCheckpoint,
            double msPerValidationBatch, int saveInterval, ValidationSchedule validation) {
        double left = budget.toMillis() * (1 - SLACK) - spent.toMillis();
        double validating = validation == null || !validation.enabled() ? 0
                : msPerValidationBatch * validation.batches() / validation.epochIterations();
        double perIteration = msPerIteration + msPerCheckpoint / Math.max(1, saveInterval) + validating;
        return (long) Math.floor(left / perIteration);
    }

    /** What a refit decided, in the words every front end logs it with. */
    public String refitSummary() {
        return String.format("%d iterations fit the time budget, fitted again after iteration %d (%.0f ms an iteration)",
                iterations, refittedAt, msPerIteration);
    }
}
