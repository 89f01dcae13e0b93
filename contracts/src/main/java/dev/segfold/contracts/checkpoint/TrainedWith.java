package dev.segfold.contracts.checkpoint;

import dev.segfold.contracts.spec.FoldSettings;
import java.util.List;
import java.util.Objects;

/**
 * What a checkpoint was actually trained with: the fold's settings as the trainer applied them
 * (the recipe's {@code batchDice} decided, never "as planned") and the network, batch and patch
 * it took from the run's plans. Recorded in every checkpoint manifest a trainer writes, so a
 * bundle says how it was made without the run's other files; a manifest written by hand may omit
 * it.
 *
 * @param settings     the fold's settings as applied
 * @param batchSize    patches per iteration
 * @param patchSize    patch edges (z, y, x) in the plans' axis order
 * @param baseFeatures channels of the first resolution
 * @param pools        downsamplings of the network
 * @param budgetFit    how the iterations were fitted to the time budget; null without a budget
 */
public record TrainedWith(FoldSettings settings, int batchSize, List<Integer> patchSize, int baseFeatures,
                          int pools, BudgetFit budgetFit) {

    /** Checks counts and that the recipe's batch Dice was decided. */
    public TrainedWith {
        Objects.requireNonNull(settings, "TrainedWith.settings is missing");
        if (settings.recipe().batchDice() == null) {
            throw new IllegalArgumentException("TrainedWith.settings.recipe.batchDice must be decided (true or false)");
        }
        if (batchSize < 1 || baseFeatures < 1 || pools < 1) {
            throw new IllegalArgumentException("TrainedWith batchSize, baseFeatures and pools must be positive, got "
                    + batchSize + ", " + baseFeatures + ", " + pools);
        }
        if (patchSize == null || patchSize.size() != 3 || patchSize.stream().anyMatch(e -> e == null || e < 1)) {
            throw new IllegalArgumentException("TrainedWith.patchSize needs 3 positive edges, got " + patchSize);
        }
        patchSize = List.copyOf(patchSize);
        if (settings.iterations() < 1) {
            throw new IllegalArgumentException("TrainedWith.settings.iterations must be the count trained, got "
                    + settings.iterations());
        }
    }

    /** Without a time budget. */
    public TrainedWith(FoldSettings settings, int batchSize, List<Integer> patchSize, int baseFeatures, int pools) {
        this(settings, batchSize, patchSize, baseFeatures, pools, null);
    }

    /** The same, with a time budget's count fitted again from the fold's first iterations. */
    public TrainedWith refitted(int iterations, BudgetFit fit) {
        return new TrainedWith(settings.withIterations(iterations), batchSize, patchSize, baseFeatures, pools, fit);
    }
}
