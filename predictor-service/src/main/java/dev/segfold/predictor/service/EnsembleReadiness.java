package dev.segfold.predictor.service;

import dev.segfold.contracts.storage.FoldLayout;
import dev.segfold.contracts.storage.RunLayout;
import dev.segfold.engine.plan.Configuration;
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
 * the same way. A {@code 3d_cascade_fullres} run waits for its second stage's folds.
 */
@ApplicationScoped
public class EnsembleReadiness {
    private final ObjectStore store;
    private final StoredCheckpoints checkpoints;

    public EnsembleReadiness(ObjectStore store, StoredCheckpoints checkpoints) {
        this.store = store;
        this.checkpoints = checkpoints;
    }

    /**
     * The folds the ensemble averages: a {@code 3d_cascade_fullres} run's second-stage folds
     * ({@code stages[1]}), every other run's expected folds.
     */
    public static List<Integer> ensembledFolds(RunDescription run) {
        return isCascade(run) ? run.stage(1).expectedFolds() : run.expectedFolds();
    }

    /** Whether the run is a two-stage cascade. */
    public static boolean isCascade(RunDescription run) {
        return Configuration.CASCADE_FULLRES_3D.id().equals(run.configuration());
    }

    public Readiness check(RunDescription run) {
        List<Integer> missingEvaluations = new ArrayList<>();
        List<Integer> missingFinals = new ArrayList<>();
        Map<Integer, StoredCheckpoint> finals = new LinkedHashMap<>();
        for (int fold : ensembledFolds(run)) {
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
