package dev.segfold.contracts.checkpoint;

/**
 * How a fold's iteration count was fitted to its time budget: what the trainer's warm-up measured
 * on its machine. The fitted count itself is {@code trainedWith.settings.iterations}.
 *
 * @param msPerIteration   measured time of one iteration
 * @param msPerCheckpoint  measured time of writing and uploading one checkpoint
 * @param warmupIterations timed warm-up steps
 * @param warmupSeconds    wall time of the warm-up, counted in the budget
 */
public record BudgetFit(double msPerIteration, double msPerCheckpoint, int warmupIterations, double warmupSeconds) {
}
