package dev.segfold.engine.training;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segfold.engine.network.Precision;
import dev.segfold.engine.training.validation.ValidationSchedule;
import java.util.List;

/**
 * The optimisation recipe of one fold: what decides the numbers a run produces, and therefore
 * what a checkpoint must agree with to be resumed. Defaults are nnU-Net's (v1 trainer with
 * PaddleSeg's per-iteration schedule).
 *
 * @param iterations total optimizer steps
 * @param initialLearningRate lr at iteration 0 (0.01)
 * @param polyPower exponent of the poly decay (0.9)
 * @param momentum Nesterov momentum (0.99)
 * @param weightDecay coupled L2 (3e-5)
 * @param gradientClipNorm global gradient-norm cap (12 in nnU-Net v1; 0 = off, as PaddleSeg)
 * @param batchDice Dice sums over the batch too
 * @param seed initialises the weights; batch sources derive their randomness from it and the iteration
 * @param precision arithmetic of the convolutions (bf16 keeps float32 master weights)
 * @param batchSize patches per iteration the sampler draws; 0 where the caller feeds its own batches
 *     (unit tests, benchmarks)
 * @param patchSize patch edges (z, y, x) the sampler crops; empty where the caller feeds its own batches
 * @param validation epochs and validation batches; null: no validation during training (left out of
 *     the JSON, so configurations without it keep the digest they had before validation existed)
 * @param timeBudgetSeconds the fold's time budget; its {@code iterations} are then fitted as it trains
 *     and are not part of its digest ({@link FoldTrainer#configDigest}); null for a fixed count (left
 *     out of the JSON)
 */
public record TrainingConfig(
        int iterations,
        double initialLearningRate,
        double polyPower,
        double momentum,
        double weightDecay,
        double gradientClipNorm,
        boolean batchDice,
        long seed,
        Precision precision,
        int batchSize,
        List<Integer> patchSize,
        @JsonInclude(JsonInclude.Include.NON_NULL) ValidationSchedule validation,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long timeBudgetSeconds) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public TrainingConfig {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be >= 1, got " + iterations);
        }
        if (precision == null) {
            precision = Precision.FP32;
        }
        if (batchSize < 0) {
            throw new IllegalArgumentException("batchSize must not be negative, got " + batchSize);
        }
        patchSize = patchSize == null ? List.of() : List.copyOf(patchSize);
        if (validation != null && !validation.enabled()) {
            validation = null; // no validation batches: nothing validates, the same run as without a schedule
        }
        if (timeBudgetSeconds != null && timeBudgetSeconds < 1) {
            throw new IllegalArgumentException("timeBudgetSeconds must be >= 1, got " + timeBudgetSeconds);
        }
    }

    /** With a fixed count. */
    public TrainingConfig(int iterations, double initialLearningRate, double polyPower, double momentum,
            double weightDecay, double gradientClipNorm, boolean batchDice, long seed, Precision precision,
            int batchSize, List<Integer> patchSize, ValidationSchedule validation) {
        this(iterations, initialLearningRate, polyPower, momentum, weightDecay, gradientClipNorm, batchDice, seed,
                precision, batchSize, patchSize, validation, null);
    }

    /** Without validation during training. */
    public TrainingConfig(int iterations, double initialLearningRate, double polyPower, double momentum,
            double weightDecay, double gradientClipNorm, boolean batchDice, long seed, Precision precision,
            int batchSize, List<Integer> patchSize) {
        this(iterations, initialLearningRate, polyPower, momentum, weightDecay, gradientClipNorm, batchDice, seed,
                precision, batchSize, patchSize, null);
    }

    /** Without the sampler's batch shape (the caller feeds its own batches). */
    public TrainingConfig(int iterations, double initialLearningRate, double polyPower, double momentum,
            double weightDecay, double gradientClipNorm, boolean batchDice, long seed, Precision precision) {
        this(iterations, initialLearningRate, polyPower, momentum, weightDecay, gradientClipNorm, batchDice, seed,
                precision, 0, List.of());
    }

    /**
     * A fold's configuration from its recipe.
     *
     * @param batchDice the recipe's choice, or the plans' where the recipe leaves it open
     */
    public static TrainingConfig of(int iterations, Recipe recipe, boolean batchDice, long seed, Precision precision) {
        return new TrainingConfig(iterations, recipe.learningRate(), recipe.polyPower(), recipe.momentum(),
                recipe.weightDecay(), recipe.gradientClipNorm(),
                recipe.batchDice() == null ? batchDice : recipe.batchDice(), seed, precision);
    }

    /** nnU-Net's recipe for {@code iterations} steps. */
    public static TrainingConfig nnUNet(int iterations, boolean batchDice, long seed) {
        return of(iterations, Recipe.NNUNET, batchDice, seed, Precision.FP32);
    }

    /** The same recipe over {@code count} iterations (a time budget's fitted count). */
    public TrainingConfig withIterations(int count) {
        return new TrainingConfig(count, initialLearningRate, polyPower, momentum, weightDecay, gradientClipNorm,
                batchDice, seed, precision, batchSize, patchSize, validation, timeBudgetSeconds);
    }

    /** The same recipe in another precision. */
    public TrainingConfig withPrecision(Precision p) {
        return new TrainingConfig(iterations, initialLearningRate, polyPower, momentum, weightDecay, gradientClipNorm,
                batchDice, seed, p, batchSize, patchSize, validation, timeBudgetSeconds);
    }

    /** The same recipe for batches of {@code batch} patches of {@code patch} (z, y, x) drawn by the sampler. */
    public TrainingConfig withSampling(int batch, int[] patch) {
        return new TrainingConfig(iterations, initialLearningRate, polyPower, momentum, weightDecay, gradientClipNorm,
                batchDice, seed, precision, batch, java.util.Arrays.stream(patch).boxed().toList(), validation,
                timeBudgetSeconds);
    }

    /** The same recipe validating on {@code schedule} (null or 0 batches: no validation). */
    public TrainingConfig withValidation(ValidationSchedule schedule) {
        return new TrainingConfig(iterations, initialLearningRate, polyPower, momentum, weightDecay, gradientClipNorm,
                batchDice, seed, precision, batchSize, patchSize, schedule, timeBudgetSeconds);
    }

    /** The same recipe fitted to a time budget (null: a fixed count). */
    public TrainingConfig withTimeBudget(java.time.Duration budget) {
        return new TrainingConfig(iterations, initialLearningRate, polyPower, momentum, weightDecay, gradientClipNorm,
                batchDice, seed, precision, batchSize, patchSize, validation, budget == null ? null : budget.toSeconds());
    }

    public PolyLearningRate schedule() {
        return new PolyLearningRate(initialLearningRate, iterations, polyPower);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write training config as JSON", e);
        }
    }

    public static TrainingConfig fromJson(String json) {
        try {
            return JSON.readValue(json, TrainingConfig.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid training config JSON: " + e.getOriginalMessage(), e);
        }
    }
}
