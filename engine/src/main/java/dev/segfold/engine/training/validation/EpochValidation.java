package dev.segfold.engine.training.validation;

import java.util.List;

/**
 * One epoch's validation, reported with the progress of the iteration it followed.
 *
 * @param epoch         validations done including this one
 * @param iteration     the training iteration it followed
 * @param loss          mean loss over the validation batches (the training loss, deep supervision included)
 * @param perClassDice  pseudo-Dice of each foreground class 1..K-1; null where undefined
 * @param meanDice      mean of the defined per-class values, NaN if none
 * @param ema           the moving average after this epoch, NaN before any defined Dice
 * @param bestEma       the best moving average so far
 * @param newBest       this epoch set a new best: its weights are the best checkpoint now
 * @param seconds       wall time of the validation
 */
public record EpochValidation(int epoch, int iteration, double loss, List<Double> perClassDice, double meanDice,
        double ema, double bestEma, boolean newBest, double seconds) {}
