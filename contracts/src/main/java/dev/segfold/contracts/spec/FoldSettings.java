package dev.segfold.contracts.spec;

import java.time.Duration;
import java.util.Objects;

/**
 * The settings a fold is trained, evaluated and predicted with: one stage of a {@link RunSpec}
 * with every default filled in and the precision decided. It is the one source of truth for a
 * fold's settings: the config-service derives it from the run spec ({@link RunSpec#foldSettings}),
 * stores it per stage in {@code run.json}, sends it in every {@code FoldTrainingRequested}, and the
 * trainer records what it actually used (with the plans' network) in every checkpoint manifest
 * ({@link dev.segfold.contracts.checkpoint.TrainedWith}). Network size, batch and patch live in
 * the run's {@code plans.json}, where planning put the request's overrides.
 *
 * @param iterations              optimizer steps of the fold
 * @param saveInterval            iterations between checkpoints
 * @param logInterval             iterations between progress events
 * @param keepCheckpoints         newest non-final checkpoints kept in the bucket (the final one always is)
 * @param seed                    seed of weights, sampling and augmentation
 * @param precision               fp32 or bf16, never auto
 * @param recipe                  optimisation recipe ({@code batchDice} null: as the plans decide)
 * @param postprocessing          whether the largest-component postprocessing is determined and applied
 * @param evaluateEveryCheckpoint whether every checkpoint is evaluated, not only the final one
 * @param timeBudget              training time of the fold, null for a fixed count; in a request
 *                                {@code iterations} is then 0 and the trainer fits it, in a
 *                                checkpoint's {@code trainedWith} it is the fitted count
 * @param epochIterations         training iterations between validations (nnU-Net v2's epoch); read
 *                                as {@value SpecDefaults#EPOCH_ITERATIONS} when absent (settings
 *                                written before validation during training existed)
 * @param validationBatches       validation batches an epoch, 0: no validation during training (and no
 *                                best checkpoint); read as {@value SpecDefaults#VALIDATION_BATCHES} when absent
 * @param fitNetworkToBudget      whether the trainer may train a thinner network with a smaller batch than
 *                                planned, chosen from its measured speed so that enough iterations fit the
 *                                time budget (the request left {@code network.baseFeatures} and
 *                                {@code batchSize} open); false without a budget
 */
public record FoldSettings(int iterations, int saveInterval, int logInterval, int keepCheckpoints, long seed,
                           Precision precision, TrainingRecipe recipe, boolean postprocessing,
                           boolean evaluateEveryCheckpoint, Duration timeBudget, Integer epochIterations,
                           Integer validationBatches, boolean fitNetworkToBudget) {

    /** Checks the counts and that the precision was decided. */
    public FoldSettings {
        int least = timeBudget == null ? 1 : 0;
        if (iterations < least || iterations > SpecDefaults.MAX_ITERATIONS) {
            throw new IllegalArgumentException("FoldSettings.iterations is " + iterations + ", must be in " + least + ".."
                    + SpecDefaults.MAX_ITERATIONS + (timeBudget == null ? "" : " (0: fitted to the time budget)"));
        }
        if (timeBudget != null) {
            TimeBudgets.check(timeBudget);
        } else if (fitNetworkToBudget) {
            throw new IllegalArgumentException("FoldSettings.fitNetworkToBudget needs a timeBudget");
        }
        if (saveInterval < 1) {
            throw new IllegalArgumentException("FoldSettings.saveInterval is " + saveInterval + ", must be at least 1");
        }
        if (logInterval < 1) {
            throw new IllegalArgumentException("FoldSettings.logInterval is " + logInterval + ", must be at least 1");
        }
        if (keepCheckpoints < 0) {
            throw new IllegalArgumentException("FoldSettings.keepCheckpoints is " + keepCheckpoints
                    + ", must not be negative");
        }
        Objects.requireNonNull(precision, "FoldSettings.precision is missing");
        if (!precision.isResolved()) {
            throw new IllegalArgumentException("FoldSettings.precision is " + precision
                    + ": a fold trains in fp32 or bf16; auto is decided when the run is accepted");
        }
        Objects.requireNonNull(recipe, "FoldSettings.recipe is missing");
        epochIterations = epochIterations == null ? SpecDefaults.EPOCH_ITERATIONS : epochIterations;
        validationBatches = validationBatches == null ? SpecDefaults.VALIDATION_BATCHES : validationBatches;
        if (epochIterations < 1) {
            throw new IllegalArgumentException("FoldSettings.epochIterations is " + epochIterations
                    + ", must be at least 1");
        }
        if (validationBatches < 0 || validationBatches > SpecDefaults.MAX_VALIDATION_BATCHES) {
            throw new IllegalArgumentException("FoldSettings.validationBatches is " + validationBatches
                    + ", must be in 0.." + SpecDefaults.MAX_VALIDATION_BATCHES);
        }
    }

    /** The planned network whatever the budget. */
    public FoldSettings(int iterations, int saveInterval, int logInterval, int keepCheckpoints, long seed,
            Precision precision, TrainingRecipe recipe, boolean postprocessing, boolean evaluateEveryCheckpoint,
            Duration timeBudget, Integer epochIterations, Integer validationBatches) {
        this(iterations, saveInterval, logInterval, keepCheckpoints, seed, precision, recipe, postprocessing,
                evaluateEveryCheckpoint, timeBudget, epochIterations, validationBatches, false);
    }

    /** nnU-Net v2's validation schedule (250 iterations an epoch, 50 validation batches). */
    public FoldSettings(int iterations, int saveInterval, int logInterval, int keepCheckpoints, long seed,
            Precision precision, TrainingRecipe recipe, boolean postprocessing, boolean evaluateEveryCheckpoint,
            Duration timeBudget) {
        this(iterations, saveInterval, logInterval, keepCheckpoints, seed, precision, recipe, postprocessing,
                evaluateEveryCheckpoint, timeBudget, SpecDefaults.EPOCH_ITERATIONS, SpecDefaults.VALIDATION_BATCHES);
    }

    /** The same settings validating every {@code epoch} iterations on {@code batches} batches. */
    public FoldSettings withValidation(int epoch, int batches) {
        return new FoldSettings(iterations, saveInterval, logInterval, keepCheckpoints, seed, precision, recipe,
                postprocessing, evaluateEveryCheckpoint, timeBudget, epoch, batches, fitNetworkToBudget);
    }

    /** Without a time budget. */
    public FoldSettings(int iterations, int saveInterval, int logInterval, int keepCheckpoints, long seed,
            Precision precision, TrainingRecipe recipe, boolean postprocessing, boolean evaluateEveryCheckpoint) {
        this(iterations, saveInterval, logInterval, keepCheckpoints, seed, precision, recipe, postprocessing,
                evaluateEveryCheckpoint, null);
    }

    /** Whether the trainer fits the iteration count to {@link #timeBudget()}. */
    public boolean budgeted() {
        return timeBudget != null;
    }

    /**
     * A fold on nnU-Net's recipe in fp32 with postprocessing, evaluating only its final checkpoint:
     * for tools and tests that state the schedule and nothing else.
     */
    public static FoldSettings of(int iterations, int saveInterval, int logInterval, int keepCheckpoints, long seed) {
        return new FoldSettings(iterations, saveInterval, logInterval, keepCheckpoints, seed, Precision.FP32,
                TrainingRecipe.DEFAULT, true, false);
    }

    /** The same settings with another iteration count (a cascade's second stage). */
    public FoldSettings withIterations(int value) {
        return new FoldSettings(value, saveInterval, logInterval, keepCheckpoints, seed, precision, recipe,
                postprocessing, evaluateEveryCheckpoint, timeBudget, epochIterations, validationBatches,
                fitNetworkToBudget);
    }
}
