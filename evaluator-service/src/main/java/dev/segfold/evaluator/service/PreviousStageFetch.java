package dev.segfold.evaluator.service;

import dev.segfold.contracts.events.FoldId;
import dev.segfold.contracts.storage.RunLayout;
import dev.segfold.engine.plan.Configuration;
import dev.segfold.engine.workflow.NextStagePrediction;
import dev.segfold.engine.workflow.PreviousStageMaps;
import dev.segfold.service.storage.ObjectStore;
import dev.segfold.service.storage.ObjectStoreException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Brings the first stage's maps of a cascade fold's validation cases to this machine: the
 * predictor's {@code <run>/3d_lowres/next_stage/<case>.npz} (CASCADE.md), downloaded into the
 * evaluation's work folder and read by the engine as {@link PreviousStageMaps#folder local maps}.
 */
final class PreviousStageFetch {
    /** The configuration whose next-stage maps a cascade's second stage reads. */
    static final String FIRST_STAGE = Configuration.LOWRES_3D.id();

    private PreviousStageFetch() {
    }

    /** The object key of {@code caseId}'s map in run {@code runId}. */
    static String key(String runId, String caseId) {
        return RunLayout.of(runId).nextStage(FIRST_STAGE, caseId, ".npz");
    }

    /**
     * Downloads the maps of {@code caseIds} into {@code folder}; their read errors name the object key.
     *
     * @throws EvaluationFailure retryable, naming every missing key (the predictor may still write
     *     them) or the storage error
     */
    static PreviousStageMaps download(ObjectStore store, FoldId fold, List<String> caseIds, Path folder)
            throws EvaluationFailure {
        String bucket = store.buckets().runs();
        String prefix = RunLayout.of(fold.runId()).nextStagePrefix(FIRST_STAGE);
        try {
            Set<String> present = new HashSet<>(store.list(bucket, prefix));
            List<String> missing = caseIds.stream().map(c -> key(fold.runId(), c)).filter(k -> !present.contains(k))
                    .map(k -> bucket + "/" + k).toList();
            if (!missing.isEmpty()) {
                throw new EvaluationFailure(fold, "previous-stage maps missing for " + missing.size() + " of "
                        + caseIds.size() + " validation cases: " + String.join(", ", missing) + " (the "
                        + FIRST_STAGE + " folds that validate these cases have not predicted the next stage yet)",
                        true);
            }
            for (String caseId : caseIds) {
                store.download(bucket, key(fold.runId(), caseId), folder.resolve(NextStagePrediction.fileName(caseId)));
            }
        } catch (ObjectStoreException e) {
            throw new EvaluationFailure(fold, "previous-stage maps under " + bucket + "/" + prefix + ": "
                    + e.getMessage(), true);
        }
        PreviousStageMaps local = PreviousStageMaps.folder(folder);
        return caseId -> {
            try {
                return local.labels(caseId);
            } catch (IOException e) {
                throw new IOException(bucket + "/" + key(fold.runId(), caseId) + ": " + e.getMessage(), e);
            }
        };
    }
}
