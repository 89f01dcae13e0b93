package dev.segfold.contracts.events;

import java.time.Instant;

/**
 * Training progress of a fold, published every log interval on {@code segfold.status}.
 *
 * @param fold            which fold
 * @param iteration       iterations done
 * @param totalIterations iterations planned
 * @param trainLoss       mean training loss over the last log interval
 * @param validationLoss  last validation loss, null before the first validation
 * @param pseudoDice      last pseudo Dice on validation patches, null before the first
 * @param learningRate    current learning rate
 * @param elapsedSeconds  wall time since the fold started
 * @param etaSeconds      estimated seconds to the last iteration, null while unknown
 * @param time            when
 * @param secondsPerIteration throughput: mean wall time of an iteration over the last log interval
 *                        (PaddleSeg's {@code batch_cost}); null where the producer does not measure it
 * @param samplesPerSecond throughput: training patches per second over the last log interval
 *                        (PaddleSeg's {@code ips}); null where the producer does not measure it
 */
public record FoldProgress(FoldId fold, int iteration, int totalIterations, double trainLoss, Double validationLoss,
                           Double pseudoDice, double learningRate, double elapsedSeconds, Double etaSeconds,
                           Instant time, Double secondsPerIteration, Double samplesPerSecond) implements FoldEvent {

    /** The CloudEvents type. */
    public static final String TYPE = "dev.segfold.fold.progress";

    /** Validates the fold and that iteration does not exceed the total. */
    public FoldProgress {
        Require.present("FoldProgress", "fold", fold);
        Require.notNegative("FoldProgress", "iteration", iteration);
        Require.positive("FoldProgress", "totalIterations", totalIterations);
        if (iteration > totalIterations) {
            throw new IllegalArgumentException("FoldProgress.iteration " + iteration
                    + " exceeds totalIterations " + totalIterations);
        }
        Require.present("FoldProgress", "time", time);
        if (secondsPerIteration != null && !(secondsPerIteration >= 0)) {
            throw new IllegalArgumentException("FoldProgress.secondsPerIteration " + secondsPerIteration
                    + " is not a duration");
        }
        if (samplesPerSecond != null && !(samplesPerSecond >= 0)) {
            throw new IllegalArgumentException("FoldProgress.samplesPerSecond " + samplesPerSecond + " is not a rate");
        }
    }

    /** Progress without throughput (events written before it was added read the same way). */
    public FoldProgress(FoldId fold, int iteration, int totalIterations, double trainLoss, Double validationLoss,
                        Double pseudoDice, double learningRate, double elapsedSeconds, Double etaSeconds, Instant time) {
        this(fold, iteration, totalIterations, trainLoss, validationLoss, pseudoDice, learningRate, elapsedSeconds,
                etaSeconds, time, null, null);
    }

    /** Fraction done, 0 to 1. */
    public double fractionDone() {
        return (double) iteration / totalIterations;
    }

    @Override
    public EventType type() {
        return EventType.FOLD_PROGRESS;
    }
}
