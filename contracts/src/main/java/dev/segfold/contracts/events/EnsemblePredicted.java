package dev.segfold.contracts.events;

import java.time.Instant;
import java.util.List;

/**
 * All folds of the last stage were evaluated and their softmax-averaged ensemble predicted the
 * test set; published on {@code segfold.predictions}.
 *
 * @param runId          the run
 * @param configuration  the stage's configuration
 * @param folds          the folds ensembled
 * @param ensemblePrefix {@code <run>/ensemble/}
 * @param caseIds        the test cases written
 * @param time           when
 */
public record EnsemblePredicted(String runId, String configuration, List<Integer> folds, String ensemblePrefix,
                                List<String> caseIds, Instant time) implements RunEvent {

    /** The CloudEvents type. */
    public static final String TYPE = "dev.segfold.run.ensemble-predicted";

    /** Validates names, folds, prefix and case ids. */
    public EnsemblePredicted {
        Require.segment("EnsemblePredicted", "runId", runId);
        Require.segment("EnsemblePredicted", "configuration", configuration);
        folds = Require.folds("EnsemblePredicted", "folds", folds);
        if (folds.isEmpty()) {
            throw new IllegalArgumentException("EnsemblePredicted.folds is empty");
        }
        Require.key("EnsemblePredicted", "ensemblePrefix", ensemblePrefix);
        caseIds = Require.segments("EnsemblePredicted", "caseIds", caseIds);
        Require.present("EnsemblePredicted", "time", time);
    }

    @Override
    public EventType type() {
        return EventType.ENSEMBLE_PREDICTED;
    }
}
