package dev.segfold.predictor.service;

import dev.segfold.contracts.json.ContractJson;
import dev.segfold.contracts.storage.RunLayout;
import java.time.Instant;
import java.util.List;

/**
 * {@code <run>/ensemble/ensemble.json}, written after every other ensemble object: its presence
 * means the ensemble is complete, so a re-delivered event (to this or another instance) does
 * nothing.
 *
 * @param runId          the run
 * @param configuration  the configuration ensembled
 * @param folds          the folds, ascending
 * @param checkpoints    the final checkpoint each fold contributed
 * @param caseIds        the test cases written
 * @param postprocessing the classes postprocessed (keep the largest component), as chosen on the
 *                       pooled cross-validation predictions
 * @param createdAt      when
 */
public record EnsembleMarker(String runId, String configuration, List<Integer> folds, List<FoldCheckpoint> checkpoints,
                             List<String> caseIds, List<List<Integer>> postprocessing, Instant createdAt) {

    /** Object name inside {@code <run>/ensemble/}. */
    public static final String FILE_NAME = "ensemble.json";

    /**
     * One fold's contribution.
     *
     * @param fold           the fold
     * @param iteration      its final checkpoint's iteration
     * @param manifestSha256 SHA-256 of that checkpoint's {@code checkpoint.json} as stored
     */
    public record FoldCheckpoint(int fold, int iteration, String manifestSha256) {}

    public EnsembleMarker {
        folds = List.copyOf(folds);
        checkpoints = List.copyOf(checkpoints);
        caseIds = List.copyOf(caseIds);
        postprocessing = postprocessing.stream().map(List::copyOf).toList();
    }

    /** The marker's key for {@code runId}. */
    public static String key(String runId) {
        return RunLayout.of(runId).ensemblePrefix() + FILE_NAME;
    }

    public byte[] toJson() {
        return ContractJson.write(this);
    }

    public static EnsembleMarker fromJson(byte[] json) {
        return ContractJson.read(json, EnsembleMarker.class);
    }
}
