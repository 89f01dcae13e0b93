package dev.segfold.contracts.spec;

/**
 * The optimisation part of a {@link RunRequest}, each value optional (null: the default of
 * {@link TrainingRecipe#DEFAULT}). A PaddleSeg YAML fills it from {@code optimizer},
 * {@code lr_scheduler} and {@code loss}.
 *
 * @param learningRate     initial learning rate, positive
 * @param polyPower        poly decay exponent, positive
 * @param momentum         Nesterov momentum in [0, 1)
 * @param weightDecay      coupled L2, not negative
 * @param gradientClipNorm gradient-norm cap, 0 for none
 * @param batchDice        Dice over the batch; null lets the plans decide
 */
public record RecipeRequest(Double learningRate, Double polyPower, Double momentum, Double weightDecay,
                            Double gradientClipNorm, Boolean batchDice) {

    /** Nothing set. */
    public static final RecipeRequest NONE = new RecipeRequest(null, null, null, null, null, null);
}
