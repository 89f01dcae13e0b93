package dev.segfold.config.rest;

import dev.segfold.config.service.AcceptedRun.PlannedFold;
import dev.segfold.config.service.AcceptedRun;
import dev.segfold.config.service.PrecisionChoice;
import dev.segfold.contracts.events.RunAccepted;
import dev.segfold.contracts.spec.SpecProblem;
import dev.segfold.contracts.spec.paddleseg.PathMapping;
import java.time.Instant;
import java.util.List;

/**
 * The body of {@code 202 Accepted} from {@code POST /runs}: the run, its folds, and what the user
 * must be told about the submission (path mappings, unknown keys, warnings).
 *
 * @param runId         the run
 * @param location      {@code /runs/<id>}
 * @param dataset       the data set
 * @param configuration what the run produces
 * @param stages        the configuration of each stage
 * @param folds         first-stage folds trained here
 * @param importFolds   first-stage folds imported
 * @param iterations    iterations per first-stage fold
 * @param precision     how the run's precision was decided (a request's {@code auto} resolved)
 * @param stagePlans    every stage with its folds and the settings each fold trains with: the
 *                      effective values, defaults filled in
 * @param foldConfigs   every fold with its origin and config key
 * @param runJsonKey    key of {@code run.json}
 * @param plansKey      key of {@code plans.json}
 * @param forcedLowres  whether a low-res stage had to be forced when planning
 * @param pathMappings  the author's paths and their object-store locations
 * @param unknownKeys   keys Segfold does not know; they had no effect
 * @param warnings      keys read with a caveat
 * @param acceptedAt    when
 */
public record SubmissionResponse(String runId, String location, String dataset, String configuration,
                                 List<String> stages, List<Integer> folds, List<Integer> importFolds, int iterations,
                                 PrecisionChoice precision, List<RunAccepted.StagePlan> stagePlans,
                                 List<PlannedFold> foldConfigs, String runJsonKey, String plansKey,
                                 boolean forcedLowres, List<PathMapping> pathMappings, List<String> unknownKeys,
                                 List<SpecProblem> warnings, Instant acceptedAt) {

    static SubmissionResponse of(AcceptedRun run) {
        var spec = run.submission().spec();
        return new SubmissionResponse(run.runId(), "/runs/" + run.runId(), spec.dataset(), spec.configuration().id(),
                spec.stages().stream().map(s -> s.configuration().id()).toList(), spec.folds(), spec.importedFolds(),
                spec.iterations(), run.precision(), run.stagePlans(), run.folds(), run.runJsonKey(), run.plansKey(), run.forcedLowres(),
                run.submission().pathMappings(), run.submission().unknownKeys(), run.submission().warnings(),
                run.acceptedAt());
    }
}
