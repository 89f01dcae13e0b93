package dev.segfold.config.service;

import dev.segfold.config.submission.Submission;
import dev.segfold.contracts.events.RunAccepted;
import dev.segfold.contracts.spec.RunSpec;
import java.time.Instant;
import java.util.List;

/**
 * A run that was accepted: what {@code POST /runs} answers with.
 *
 * @param runId        the new run's id
 * @param submission   the validated submission
 * @param folds        every fold the run expects, trained here or imported, with its config key
 * @param runJsonKey   key of {@code run.json} in the runs bucket
 * @param plansKey     key of {@code plans.json}
 * @param splitsKey    key of {@code splits.json}
 * @param forcedLowres whether the planner had to force a low-res stage
 * @param precision    how the run's precision was decided
 * @param acceptedAt   when
 * @param submittedBy  who submitted it: the principal of the request's bearer token
 */
public record AcceptedRun(String runId, Submission submission, List<PlannedFold> folds, String runJsonKey,
                          String plansKey, String splitsKey, boolean forcedLowres, PrecisionChoice precision,
                          Instant acceptedAt, String submittedBy) {

    /** Copies the folds. */
    public AcceptedRun {
        folds = List.copyOf(folds);
    }

    /**
     * One fold of the run.
     *
     * @param stage         the cascade stage, 0 first
     * @param configuration the stage's configuration
     * @param fold          the fold
     * @param origin        {@code trained} (requested from the trainers now), {@code imported}
     *                      (uploaded from elsewhere) or {@code cascade} (requested once the
     *                      first stage's predictions exist)
     * @param configKey     key of its {@code nnunet_fold<k>.yml} in the runs bucket
     */
    public record PlannedFold(int stage, String configuration, int fold, String origin, String configKey) {}

    /** Every stage with its folds and the settings each of its folds trains with. */
    public List<RunAccepted.StagePlan> stagePlans() {
        RunSpec spec = submission.spec();
        return spec.stages().stream().map(s -> new RunAccepted.StagePlan(s.stage(), s.configuration().id(), s.folds(),
                s.importedFolds(), s.iterations(), spec.foldSettings(s))).toList();
    }
}
