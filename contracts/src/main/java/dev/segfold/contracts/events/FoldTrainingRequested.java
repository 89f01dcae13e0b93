package dev.segfold.contracts.events;

import java.time.Instant;

/**
 * The request to train one fold of one stage; a trainer consumes it from
 * {@code segfold.fold-requests}.
 *
 * @param fold                which fold
 * @param dataset             the data set in the data-set bucket
 * @param iterations          total training iterations ({@code iters})
 * @param saveInterval        iterations between checkpoints ({@code --save_interval})
 * @param logInterval         iterations between progress events ({@code --log_iters})
 * @param seed                random seed for sampling and augmentation
 * @param plansKey            key of {@code plans.json} in the runs bucket
 * @param configKey           key of the fold's {@code nnunet_fold<k>.yml} in the runs bucket
 * @param previousStagePrefix for a cascade's second stage, the prefix of the first stage's
 *                            next-stage predictions; null otherwise
 * @param time                when it was requested
 */
public record FoldTrainingRequested(FoldId fold, String dataset, int iterations, int saveInterval, int logInterval,
                                    long seed, String plansKey, String configKey, String previousStagePrefix,
                                    Instant time) implements FoldEvent {

    /** The CloudEvents type. */
    public static final String TYPE = "dev.segfold.fold.training-requested";

    /** Validates the fold, counts and keys. */
    public FoldTrainingRequested {
        Require.present("FoldTrainingRequested", "fold", fold);
        Require.segment("FoldTrainingRequested", "dataset", dataset);
        Require.positive("FoldTrainingRequested", "iterations", iterations);
        Require.positive("FoldTrainingRequested", "saveInterval", saveInterval);
        Require.positive("FoldTrainingRequested", "logInterval", logInterval);
        Require.key("FoldTrainingRequested", "plansKey", plansKey);
        Require.key("FoldTrainingRequested", "configKey", configKey);
        Require.optionalKey("FoldTrainingRequested", "previousStagePrefix", previousStagePrefix);
        Require.present("FoldTrainingRequested", "time", time);
    }

    @Override
    public EventType type() {
        return EventType.FOLD_TRAINING_REQUESTED;
    }
}
