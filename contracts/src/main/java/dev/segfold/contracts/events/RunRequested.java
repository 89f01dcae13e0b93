package dev.segfold.contracts.events;

import java.time.Instant;
import java.util.List;

/**
 * A run request as received, before validation against the data set.
 *
 * @param runId         the id given to the run
 * @param dataset       the data set in the data-set bucket, e.g. {@code Task04_Hippocampus}
 * @param configuration {@code 3d_fullres}, {@code 3d_lowres} or {@code 3d_cascade_fullres}
 * @param folds         folds to train here
 * @param importedFolds folds trained elsewhere whose checkpoints will be uploaded
 * @param iterations    training iterations per fold; 0 when each trainer fits them to the run's time budget
 * @param time          when it was received
 */
public record RunRequested(String runId, String dataset, String configuration, List<Integer> folds,
                           List<Integer> importedFolds, int iterations, Instant time) implements RunEvent {

    /** The CloudEvents type. */
    public static final String TYPE = "dev.segfold.run.requested";

    /** Validates names, folds and counts. */
    public RunRequested {
        Require.segment("RunRequested", "runId", runId);
        Require.segment("RunRequested", "dataset", dataset);
        Require.segment("RunRequested", "configuration", configuration);
        folds = Require.folds("RunRequested", "folds", folds);
        importedFolds = Require.folds("RunRequested", "importedFolds", importedFolds == null ? List.of() : importedFolds);
        Require.notNegative("RunRequested", "iterations", iterations); // 0: fitted to a time budget
        Require.present("RunRequested", "time", time);
    }

    @Override
    public EventType type() {
        return EventType.RUN_REQUESTED;
    }
}
