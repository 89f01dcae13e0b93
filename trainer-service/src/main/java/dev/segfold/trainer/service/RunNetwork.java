package dev.segfold.trainer.service;

import dev.segfold.contracts.checkpoint.CheckpointManifest;
import dev.segfold.contracts.checkpoint.TrainedWith;
import dev.segfold.contracts.events.FoldId;
import dev.segfold.service.storage.ObjectStore;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The network a run's folds share when a time budget leaves width and batch to Segfold: the one the
 * first fold to checkpoint chose ({@code NetworkScaling}), read from that fold's newest manifest. Each
 * fold choosing for itself measured the machine at different moments: one trainer's fold 0 probed
 * while the evaluator scored fold 1 and took base 4 where fold 1, probed on a quiet machine, had taken
 * base 8 (docs/BENCHMARKS.md, 30 minutes a fold). nnU-Net trains every fold of a configuration with
 * one architecture; the folds' Dice and their ensemble compare like with like only then.
 *
 * <p>Folds that start together, before any has checkpointed, still choose each for itself.
 *
 * @param fold         the fold whose checkpoint recorded the choice
 * @param baseFeatures its network's width
 * @param batchSize    its batch
 */
public record RunNetwork(int fold, int baseFeatures, int batchSize) {

    /**
     * The choice of the run's lowest-numbered other fold of the same configuration and stage whose
     * newest checkpoint was fitted to the same budget with the network left open.
     *
     * @param numFolds the run's folds
     */
    public static Optional<RunNetwork> chosenBefore(ObjectStore store, String bucket, FoldId fold, int numFolds,
            Duration timeBudget) {
        Objects.requireNonNull(timeBudget, "a run's network is chosen only under a time budget");
        for (int k = 0; k < numFolds; k++) {
            if (k == fold.fold()) {
                continue;
            }
            FoldId sibling = new FoldId(fold.runId(), fold.configuration(), fold.stage(), k);
            Optional<TrainedWith> chosen = new BucketCheckpoints(store, bucket, sibling).newest()
                    .map(CheckpointManifest::trainedWith)
                    .filter(t -> t.settings().fitNetworkToBudget() && timeBudget.equals(t.settings().timeBudget()));
            if (chosen.isPresent()) {
                return Optional.of(new RunNetwork(k, chosen.get().baseFeatures(), chosen.get().batchSize()));
            }
        }
        return Optional.empty();
    }
}
