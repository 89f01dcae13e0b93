package dev.segfold.engine.training;

import java.time.Duration;

/**
 * How many iterations of a fold fit in its time budget, from a measured warm-up: the fold's own
 * network, batches and loader on this machine, timed before training starts. The budget covers
 * the warm-up and every iteration with its checkpoints; validation comes after it.
 *
 * @param iterations       the count training then runs its whole poly schedule over
 * @param msPerIteration   measured time of one iteration (mean of the timed warm-up steps)
 * @param msPerCheckpoint  measured time of writing one checkpoint, doubled for its upload
 * @param warmupIterations timed warm-up steps (after untimed ones that let the loader fill up)
 * @param warmup           wall time of the whole warm-up, part of the budget
 * @param budget           the fold's budget
 */
public record IterationFit(int iterations, double msPerIteration, double msPerCheckpoint, int warmupIterations,
        Duration warmup, Duration budget) {

    /** Share of the budget kept free for what the warm-up cannot measure (progress events, JIT, jitter). */
    public static final double SLACK = 0.02;

    public IterationFit {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be >= 1, got " + iterations);
        }
    }

    /**
     * The count that ends training within {@code budget}: after the warm-up, each iteration costs
     * {@code msPerIteration} and every {@code saveInterval}-th one a checkpoint too, with
     * {@link #SLACK} of the budget kept free.
     *
     * @throws IllegalArgumentException when not one iteration fits, saying what the warm-up measured
     */
    public static IterationFit of(Duration budget, Duration warmup, double msPerIteration, double msPerCheckpoint,
            int warmupIterations, int saveInterval) {
        double left = budget.toMillis() * (1 - SLACK) - warmup.toMillis();
        double perIteration = msPerIteration + msPerCheckpoint / Math.max(1, saveInterval);
        long n = (long) Math.floor(left / perIteration);
        if (n < 1) {
            throw new IllegalArgumentException(String.format(
                    "time budget %ds is too short: the warm-up took %.1f s and one iteration %.0f ms here",
                    budget.toSeconds(), warmup.toMillis() / 1000.0, msPerIteration));
        }
        return new IterationFit((int) Math.min(n, Integer.MAX_VALUE), msPerIteration, msPerCheckpoint,
                warmupIterations, warmup, budget);
    }
}
