package dev.segfold.contracts.events;

import java.time.Instant;
import java.util.List;

/**
 * A validated run: its stages, folds and the stored request and plans.
 *
 * @param runId         the run
 * @param dataset       the data set
 * @param stages        the configuration of each cascade stage in order, e.g.
 *                      {@code [3d_lowres, 3d_cascade_fullres]} or {@code [3d_fullres]}
 * @param folds         folds trained here
 * @param importedFolds folds expected from outside
 * @param iterations    training iterations per fold
 * @param runJsonKey    key of {@code run.json} in the runs bucket
 * @param plansKey      key of {@code plans.json} in the runs bucket
 * @param time          when it was accepted
 */
public record RunAccepted(String runId, String dataset, List<String> stages, List<Integer> folds,
                          List<Integer> importedFolds, int iterations, String runJsonKey, String plansKey,
                          Instant time) implements RunEvent {

    /** The CloudEvents type. */
    public static final String TYPE = "dev.segfold.run.accepted";

    /** Validates names, folds, counts and keys. */
    public RunAccepted {
        Require.segment("RunAccepted", "runId", runId);
        Require.segment("RunAccepted", "dataset", dataset);
        stages = Require.segments("RunAccepted", "stages", stages);
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("RunAccepted.stages is empty");
        }
        folds = Require.folds("RunAccepted", "folds", folds);
        importedFolds = Require.folds("RunAccepted", "importedFolds", importedFolds == null ? List.of() : importedFolds);
        Require.positive("RunAccepted", "iterations", iterations);
        Require.key("RunAccepted", "runJsonKey", runJsonKey);
        Require.key("RunAccepted", "plansKey", plansKey);
        Require.present("RunAccepted", "time", time);
    }

    /** Every fold the run expects a result for: trained and imported. */
    public List<Integer> expectedFolds() {
        return java.util.stream.Stream.concat(folds.stream(), importedFolds.stream()).sorted().toList();
    }

    @Override
    public EventType type() {
        return EventType.RUN_ACCEPTED;
    }
}
