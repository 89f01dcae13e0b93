package dev.segfold.engine.training;

import dev.segfold.engine.training.validation.EpochValidation;
import java.time.Duration;

/**
 * Progress of a fold, reported every {@code logInterval} iterations.
 *
 * @param iteration iterations completed
 * @param totalIterations iterations of the whole run
 * @param loss loss of the last iteration
 * @param meanLoss mean loss since the previous report
 * @param learningRate learning rate of the last iteration
 * @param msPerIteration mean wall time per iteration since the previous report
 * @param patchesPerSecond batch size / seconds per iteration
 * @param eta remaining time at the current speed
 * @param validation the validation that ended the epoch at this iteration, null on other reports
 */
public record TrainingProgress(
        int iteration,
        int totalIterations,
        double loss,
        double meanLoss,
        double learningRate,
        double msPerIteration,
        double patchesPerSecond,
        Duration eta,
        EpochValidation validation) {

    /** A report without validation. */
    public TrainingProgress(int iteration, int totalIterations, double loss, double meanLoss, double learningRate,
            double msPerIteration, double patchesPerSecond, Duration eta) {
        this(iteration, totalIterations, loss, meanLoss, learningRate, msPerIteration, patchesPerSecond, eta, null);
    }
}
