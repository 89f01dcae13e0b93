package dev.segfold.contracts.checkpoint;

/**
 * How a fold's iteration count was fitted to its time budget: what the trainer's warm-up measured
 * on its machine, and the newest fit from the fold's own iterations. The count itself is
 * {@code trainedWith.settings.iterations}.
 *
 * @param msPerIteration       time of one iteration the count was fitted with: the fold's own
 *                             iterations since the refit before, else the warm-up's
 * @param msPerCheckpoint      measured time of writing and uploading one checkpoint
 * @param warmupIterations     timed warm-up steps
 * @param warmupSeconds        wall time of the warm-up, counted in the budget
 * @param warmupMsPerIteration the warm-up's mean time of one iteration
 * @param msPerValidationBatch the warm-up's time of one validation batch, 0 without validation during training
 * @param refittedAt           the iteration the count was last fitted again after, 0 before the first refit
 */
public record BudgetFit(double msPerIteration, double msPerCheckpoint, int warmupIterations, double warmupSeconds,
        double warmupMsPerIteration, double msPerValidationBatch, int refittedAt) {
}
