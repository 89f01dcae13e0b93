package dev.segfold.engine.training;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segfold.engine.network.Precision;

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
        Precision precision) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public TrainingConfig {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be >= 1, got " + iterations);
        }
        if (precision == null) {
            precision = Precision.FP32;
        }
    }

    /** nnU-Net's recipe for {@code iterations} steps. */
    public static TrainingConfig nnUNet(int iterations, boolean batchDice, long seed) {
        return new TrainingConfig(iterations, 0.01, 0.9, 0.99, 3e-5, 12, batchDice, seed, Precision.FP32);
    }

    /** The same recipe in another precision. */
    public TrainingConfig withPrecision(Precision p) {
        return new TrainingConfig(iterations, initialLearningRate, polyPower, momentum, weightDecay, gradientClipNorm,
                batchDice, seed, p);
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
