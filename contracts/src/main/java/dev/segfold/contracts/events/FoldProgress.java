package dev.segfold.contracts.events;

import java.time.Instant;
import java.util.List;

/**
 * Training progress of a fold, published every log interval on {@code segfold.status}.
 *
 * @param fold            which fold
 * @param iteration       iterations done
 * @param totalIterations iterations planned
 * @param trainLoss       mean training loss over the last log interval
 * @param validationLoss  last validation loss (mean over the epoch's validation batches), null before the
 *                        first validation
 * @param pseudoDice      last mean pseudo-Dice over the foreground classes on validation patches, null
 *                        before the first validation or while undefined
 * @param learningRate    current learning rate
 * @param elapsedSeconds  wall time since the fold started
 * @param etaSeconds      estimated seconds to the last iteration, null while unknown
 * @param time            when
 * @param secondsPerIteration throughput: mean wall time of an iteration over the last log interval
 *                        (PaddleSeg's {@code batch_cost}); null where the producer does not measure it
 * @param samplesPerSecond throughput: training patches per second over the last log interval
 *                        (PaddleSeg's {@code ips}); null where the producer does not measure it
 * @param pseudoDiceEma   exponential moving average of {@code pseudoDice} (nnU-Net v2: 0.9 old + 0.1 new),
 *                        what the best checkpoint is chosen by; null before the first validation
 * @param pseudoDicePerClass last pseudo-Dice of each foreground class 1..K-1 (null entries: class in
 *                        neither prediction nor target); null before the first validation
 * @param validatedAt     the iteration the last validation followed (the values above are from it);
 *                        null before the first validation
 */
public record FoldProgress(FoldId fold, int iteration, int totalIterations, double trainLoss, Double validationLoss,
                           Double pseudoDice, double learningRate, double elapsedSeconds, Double etaSeconds,
                           Instant time, Double secondsPerIteration, Double samplesPerSecond, Double pseudoDiceEma,
                           List<Double> pseudoDicePerClass, Integer validatedAt) implements FoldEvent {

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
        pseudoDicePerClass = pseudoDicePerClass == null ? null
                : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(pseudoDicePerClass));
    }

    /** Progress with throughput, without validation (events written before it was added read the same way). */
    public FoldProgress(FoldId fold, int iteration, int totalIterations, double trainLoss, Double validationLoss,
                        Double pseudoDice, double learningRate, double elapsedSeconds, Double etaSeconds, Instant time,
                        Double secondsPerIteration, Double samplesPerSecond) {
        this(fold, iteration, totalIterations, trainLoss, validationLoss, pseudoDice, learningRate, elapsedSeconds,
                etaSeconds, time, secondsPerIteration, samplesPerSecond, null, null, null);
    }

    /** Progress without throughput (events written before it was added read the same way). */
    public FoldProgress(FoldId fold, int iteration, int totalIterations, double trainLoss, Double validationLoss,
                        Double pseudoDice, double learningRate, double elapsedSeconds, Double etaSeconds, Instant time) {
        this(fold, iteration, totalIterations, trainLoss, validationLoss, pseudoDice, learningRate, elapsedSeconds,
                etaSeconds, time, null, null, null, null, null);
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
