package dev.segfold.engine.training;

/**
 * Polynomial learning-rate decay {@code lr0 * (1 - it / max)^power}, evaluated per iteration as
 * PaddleSeg's PolynomialDecay does (end lr 0). nnU-Net v1 steps the same formula per epoch of 250
 * iterations; per iteration is the smoother of the two and the one the PaddleSeg configs this
 * project accepts were trained with. Iteration 0 uses lr0.
 */
public record PolyLearningRate(double initial, int maxIterations, double power) {
    public static final double NNUNET_POWER = 0.9;

    public PolyLearningRate {
        if (!(initial > 0)) {
            throw new IllegalArgumentException("initial learning rate must be > 0, got " + initial);
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be >= 1, got " + maxIterations);
        }
    }

    public static PolyLearningRate of(double initial, int maxIterations) {
        return new PolyLearningRate(initial, maxIterations, NNUNET_POWER);
    }

    /** Learning rate used by the update of 0-based iteration {@code iteration}. */
    public double at(int iteration) {
        double frac = Math.min(1.0, Math.max(0.0, (double) iteration / maxIterations));
        return initial * Math.pow(1 - frac, power);
    }
}
