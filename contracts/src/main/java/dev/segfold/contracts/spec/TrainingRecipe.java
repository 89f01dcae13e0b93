package dev.segfold.contracts.spec;

/**
 * The optimisation recipe a run trains with: SGD with Nesterov momentum, a polynomial learning
 * rate decaying to 0 per iteration, Dice + cross-entropy without the background class. Only what
 * the engine can vary is here; a PaddleSeg config asking for anything else (no Nesterov, another
 * optimizer, an end lr above 0, do_bg) is refused when it is read.
 *
 * @param learningRate     initial learning rate
 * @param polyPower        exponent of the poly decay
 * @param momentum         Nesterov momentum
 * @param weightDecay      coupled L2 weight decay
 * @param gradientClipNorm global gradient-norm cap, 0 for none
 * @param batchDice        Dice sums over the batch too; null lets the plans decide (nnU-Net v1:
 *                         off for 3d_lowres and single-stage full-res plans, on otherwise)
 */
public record TrainingRecipe(double learningRate, double polyPower, double momentum, double weightDecay,
                             double gradientClipNorm, Boolean batchDice) {

    /** nnU-Net's recipe ({@link SpecDefaults}). */
    public static final TrainingRecipe DEFAULT = new TrainingRecipe(SpecDefaults.LEARNING_RATE,
            SpecDefaults.POLY_POWER, SpecDefaults.MOMENTUM, SpecDefaults.WEIGHT_DECAY,
            SpecDefaults.GRADIENT_CLIP_NORM, null);

    /** Checks ranges (validation of a request reports them as problems first). */
    public TrainingRecipe {
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("TrainingRecipe.learningRate must be positive, got " + learningRate);
        }
        if (!(polyPower > 0) || !Double.isFinite(polyPower)) {
            throw new IllegalArgumentException("TrainingRecipe.polyPower must be positive, got " + polyPower);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("TrainingRecipe.momentum must be in [0, 1), got " + momentum);
        }
        if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
            throw new IllegalArgumentException("TrainingRecipe.weightDecay must not be negative, got " + weightDecay);
        }
        if (!(gradientClipNorm >= 0) || !Double.isFinite(gradientClipNorm)) {
            throw new IllegalArgumentException("TrainingRecipe.gradientClipNorm must not be negative, got "
                    + gradientClipNorm);
        }
    }
}
