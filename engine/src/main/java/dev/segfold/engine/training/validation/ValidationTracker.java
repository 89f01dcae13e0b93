package dev.segfold.engine.training.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The moving average of the epochs' mean pseudo-Dice and the best of it so far, as nnU-Net v2's
 * trainer keeps them: {@code ema = 0.9 ema + 0.1 dice} (the first epoch's Dice as it is), and a
 * new best checkpoint whenever the average beats the best so far. Saved with every checkpoint
 * ({@value #FILE_NAME}) so that a resumed fold continues the same average.
 *
 * <p>One difference: an epoch whose Dice is undefined (no foreground predicted or present in any
 * validation patch) leaves the average as it was. In nnU-Net it turns the average into NaN, and
 * no later epoch can then beat it.
 *
 * @param epochs        validations done
 * @param ema           the moving average, NaN before the first defined Dice
 * @param bestEma       the best average so far, NaN before any
 * @param bestIteration the iteration of the best checkpoint, -1 before any
 */
public record ValidationTracker(int epochs, double ema, double bestEma, int bestIteration) {
    /** File of the tracker's state inside a checkpoint directory. */
    public static final String FILE_NAME = "validation.json";
    /** nnU-Net v2's weight of the previous average. */
    public static final double MOMENTUM = 0.9;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Before the first validation. */
    public static ValidationTracker start() {
        return new ValidationTracker(0, Double.NaN, Double.NaN, -1);
    }

    /** The tracker after an epoch with mean pseudo-Dice {@code meanDice}, validated after {@code iteration}. */
    public ValidationTracker next(double meanDice, int iteration) {
        double average = Double.isNaN(meanDice) ? ema
                : Double.isNaN(ema) ? meanDice : MOMENTUM * ema + (1 - MOMENTUM) * meanDice;
        boolean better = !Double.isNaN(average) && (Double.isNaN(bestEma) || average > bestEma);
        return new ValidationTracker(epochs + 1, average, better ? average : bestEma,
                better ? iteration : bestIteration);
    }

    /** Whether {@code previous -> this} set a new best (the best checkpoint is to be written). */
    public boolean improvedOn(ValidationTracker previous) {
        return bestIteration != previous.bestIteration;
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(new Stored(epochs, finite(ema), finite(bestEma), bestIteration));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ValidationTracker fromJson(String json, String source) {
        try {
            Stored s = JSON.readValue(json, Stored.class);
            return new ValidationTracker(s.epochs(), s.ema() == null ? Double.NaN : s.ema(),
                    s.bestEma() == null ? Double.NaN : s.bestEma(), s.bestIteration());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + ": not a validation state: " + e.getOriginalMessage(), e);
        }
    }

    private static Double finite(double v) {
        return Double.isNaN(v) ? null : v;
    }

    /** JSON form: NaN as null. */
    private record Stored(int epochs, Double ema, Double bestEma, int bestIteration) {}
}
