package dev.segfold.contracts.events;

import dev.segfold.contracts.spec.FoldSettings;
import java.time.Instant;

/**
 * The request to train one fold of one stage; a trainer consumes it from
 * {@code segfold.fold-requests}.
 *
 * @param fold                which fold
 * @param dataset             the data set in the data-set bucket
 * @param settings            everything the fold trains with beyond the plans: iterations
 *                            ({@code iters}), intervals, retention, seed, precision, recipe,
 *                            postprocessing; the trainer applies all of it and records it in
 *                            every checkpoint manifest
 * @param plansKey            key of {@code plans.json} in the runs bucket
 * @param configKey           key of the fold's {@code nnunet_fold<k>.yml} in the runs bucket
 * @param previousStagePrefix for a cascade's second stage, the prefix of the first stage's
 *                            next-stage predictions; null otherwise
 * @param time                when it was requested
 * @param attempt             1 for the first request of the fold; a retry of a failed attempt
 *                            (automatic after a retryable failure, or {@code POST /runs/{id}/retry})
 *                            counts on; JSON without it (written before retries existed) reads as 1
 */
public record FoldTrainingRequested(FoldId fold, String dataset, FoldSettings settings, String plansKey,
                                    String configKey, String previousStagePrefix, Instant time, int attempt)
        implements FoldEvent {

    /** The CloudEvents type. */
    public static final String TYPE = "dev.segfold.fold.training-requested";

    /** Validates the fold, counts and keys. */
    public FoldTrainingRequested {
        Require.present("FoldTrainingRequested", "fold", fold);
        Require.segment("FoldTrainingRequested", "dataset", dataset);
        Require.present("FoldTrainingRequested", "settings", settings);
        Require.key("FoldTrainingRequested", "plansKey", plansKey);
        Require.key("FoldTrainingRequested", "configKey", configKey);
        Require.optionalKey("FoldTrainingRequested", "previousStagePrefix", previousStagePrefix);
        Require.present("FoldTrainingRequested", "time", time);
        attempt = attempt == 0 ? 1 : attempt;
        if (attempt < 0) {
            throw new IllegalArgumentException("FoldTrainingRequested.attempt: " + attempt + " is negative");
        }
    }

    /** The first request of a fold. */
    public FoldTrainingRequested(FoldId fold, String dataset, FoldSettings settings, String plansKey,
                                 String configKey, String previousStagePrefix, Instant time) {
        this(fold, dataset, settings, plansKey, configKey, previousStagePrefix, time, 1);
    }

    /** The same request as a later attempt, at {@code time}. */
    public FoldTrainingRequested retry(int nextAttempt, Instant time) {
        return new FoldTrainingRequested(fold, dataset, settings, plansKey, configKey, previousStagePrefix, time,
                nextAttempt);
    }

    /** Total training iterations of the fold. */
    public int iterations() {
        return settings.iterations();
    }

    /** The random seed of weights, sampling and augmentation. */
    public long seed() {
        return settings.seed();
    }

    @Override
    public EventType type() {
        return EventType.FOLD_TRAINING_REQUESTED;
    }
}
