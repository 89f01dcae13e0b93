package dev.segfold.predictor.service;

import dev.segfold.contracts.json.ContractJson;
import dev.segfold.contracts.storage.RunLayout;
import java.time.Instant;
import java.util.List;

/**
 * {@code <run>/3d_lowres/next_stage/stage1-requested.json}, written after the second stage's fold
 * requests were acknowledged by the broker: its presence means they were sent, so later
 * evaluations (replays, imported folds) do not request them again.
 *
 * @param runId the run
 * @param folds the second-stage folds requested
 * @param time  when
 */
public record SecondStageRequested(String runId, List<Integer> folds, Instant time) {

    /** Object name inside the first stage's {@code next_stage/}. */
    public static final String FILE_NAME = "stage1-requested.json";

    public SecondStageRequested {
        folds = List.copyOf(folds);
    }

    /** The marker's key; {@code configuration} is the cascade's first stage. */
    public static String key(String runId, String configuration) {
        return RunLayout.of(runId).nextStagePrefix(configuration) + FILE_NAME;
    }

    public byte[] toJson() {
        return ContractJson.write(this);
    }
}
