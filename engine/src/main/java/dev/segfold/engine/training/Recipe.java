package dev.segfold.engine.training;

/**
 * How a fold is optimised, apart from its length, seed and precision: the part of a
 * {@link TrainingConfig} a user may change. {@link #NNUNET} is nnU-Net v1's recipe.
 *
 * @param learningRate     lr at iteration 0
 * @param polyPower        exponent of the poly decay
 * @param momentum         Nesterov momentum
 * @param weightDecay      coupled L2 weight decay
 * @param gradientClipNorm global gradient-norm cap, 0 = off
 * @param batchDice        Dice sums over the batch too; null: as the plans decide for the configuration
 */
public record Recipe(double learningRate, double polyPower, double momentum, double weightDecay,
        double gradientClipNorm, Boolean batchDice) {

    /** nnU-Net v1: lr 0.01, poly 0.9, momentum 0.99, weight decay 3e-5, clip 12, batch Dice as planned. */
    public static final Recipe NNUNET = new Recipe(0.01, 0.9, 0.99, 3e-5, 12, null);

    public Recipe {
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be positive, got " + learningRate);
        }
        if (!(polyPower > 0) || !Double.isFinite(polyPower)) {
            throw new IllegalArgumentException("polyPower must be positive, got " + polyPower);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
        if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
            throw new IllegalArgumentException("weightDecay must not be negative, got " + weightDecay);
        }
        if (!(gradientClipNorm >= 0) || !Double.isFinite(gradientClipNorm)) {
            throw new IllegalArgumentException("gradientClipNorm must not be negative, got " + gradientClipNorm);
        }
    }

    /** The same recipe with another initial learning rate. */
    public Recipe withLearningRate(double value) {
        return new Recipe(value, polyPower, momentum, weightDecay, gradientClipNorm, batchDice);
    }
}
