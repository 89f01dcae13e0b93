package dev.segfold.predictor.service;

import dev.segfold.contracts.storage.FoldLayout;
import dev.segfold.contracts.storage.RunLayout;
import dev.segfold.service.checkpoint.StoredCheckpoint;
import dev.segfold.service.checkpoint.StoredCheckpoints;
import dev.segfold.service.run.RunDescription;
import dev.segfold.service.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides from storage, never from memory, whether a run's folds are all evaluated: each expected
 * fold needs {@code validation/summary.json} and a final checkpoint. A restarted predictor decides
 * the same way.
 */
@ApplicationScoped
public class EnsembleReadiness {
    private final ObjectStore store;
    private final StoredCheckpoints checkpoints;

    public EnsembleReadiness(ObjectStore store, StoredCheckpoints checkpoints) {
        this.store = store;
        this.checkpoints = checkpoints;
    }

    public Readiness check(RunDescription run) {
        List<Integer> missingEvaluations = new ArrayList<>();
        List<Integer> missingFinals = new ArrayList<>();
        Map<Integer, StoredCheckpoint> finals = new LinkedHashMap<>();
        for (int fold : run.expectedFolds()) {
            FoldLayout layout = RunLayout.of(run.runId()).fold(run.configuration(), fold);
            if (!store.exists(store.buckets().runs(), layout.validationSummary())) {
                missingEvaluations.add(fold);
                continue;
            }
            Optional<StoredCheckpoint> last = checkpoints.finalCheckpoint(layout);
            if (last.isPresent()) {
                finals.put(fold, last.get());
            } else {
                missingFinals.add(fold);
            }
        }
        return new Readiness(missingEvaluations, missingFinals, finals);
    }
}
