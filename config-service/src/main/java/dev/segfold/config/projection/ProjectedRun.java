package dev.segfold.config.projection;

import dev.segfold.config.projection.RunView.EnsembleView;
import dev.segfold.config.projection.RunView.SubmissionView;
import dev.segfold.contracts.events.EnsemblePredicted;
import dev.segfold.contracts.events.FoldCheckpointed;
import dev.segfold.contracts.events.FoldEvaluated;
import dev.segfold.contracts.events.FoldEvent;
import dev.segfold.contracts.events.FoldFailed;
import dev.segfold.contracts.events.FoldId;
import dev.segfold.contracts.events.FoldPreprocessed;
import dev.segfold.contracts.events.FoldProgress;
import dev.segfold.contracts.events.FoldTrainingRequested;
import dev.segfold.contracts.events.NextStagePredicted;
import dev.segfold.contracts.events.RunAccepted;
import dev.segfold.contracts.events.RunFailed;
import dev.segfold.contracts.events.RunRequested;
import dev.segfold.contracts.events.SegfoldEvent;
import dev.segfold.contracts.events.SubmissionReady;
import dev.segfold.contracts.spec.Configuration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The mutable state of one run inside {@link RunProjection}; guarded by the projection's lock.
 * Events of one run arrive from several partitions (run-scoped and per fold), so any event may be
 * the first one seen: every handler creates what it needs.
 */
final class ProjectedRun {
    final String runId;
    private final String runsBucket;
    List<RunAccepted.StagePlan> stagePlans = List.of();
    String dataset;
    String configuration;
    List<String> stages = List.of();
    List<Integer> folds = List.of();
    List<Integer> importFolds = List.of();
    Integer iterations;
    RunState state = RunState.REQUESTED;
    final Map<Integer, ProjectedFold> foldStates = new TreeMap<>();
    EnsembleView ensemble;
    SubmissionView submission;
    String failure;
    Instant requestedAt;
    Instant updatedAt;
    int events;
    String submittedBy;
    /** When the run last failed (not cancelled), and when a fold was last retried. */
    Instant failedAt;
    Instant retriedAt;

    ProjectedRun(String runId, String runsBucket) {
        this.runId = runId;
        this.runsBucket = runsBucket;
    }

    void apply(SegfoldEvent event) {
        events++;
        updatedAt = updatedAt == null || event.time().isAfter(updatedAt) ? event.time() : updatedAt;
        if (event instanceof FoldEvent f) {
            applyFold(f);
        } else if (event instanceof RunRequested r) {
            dataset = r.dataset();
            configuration = r.configuration();
            folds = r.folds();
            importFolds = r.importedFolds();
            iterations = r.iterations();
            requestedAt = r.time();
        } else if (event instanceof RunAccepted a) {
            dataset = a.dataset();
            stages = a.stages();
            folds = a.folds();
            importFolds = a.importedFolds();
            iterations = a.iterations();
            configuration = configuration == null ? a.stages().get(a.stages().size() - 1) : configuration;
            String first = a.stages().get(0);
            a.folds().forEach(k -> fold(0, k, first, FoldState.REQUESTED));
            a.importedFolds().forEach(k -> fold(0, k, first, FoldState.AWAITING_UPLOAD).imported = true);
            stagePlans = a.stagePlans();
            submittedBy = a.submittedBy();
            // later stages' folds are known from the plan before their requests exist
            stagePlans.stream().filter(s -> s.stage() > 0).forEach(s -> {
                s.folds().forEach(k -> fold(s.stage(), k, s.configuration(), FoldState.WAITING));
                s.importedFolds().forEach(k -> fold(s.stage(), k, s.configuration(), FoldState.AWAITING_UPLOAD)
                        .imported = true);
            });
            advance(RunState.ACCEPTED);
        } else if (event instanceof RunFailed r) {
            if (RunProjection.isCancellation(r.reason())) {
                failure = r.reason();
                if (!state.terminal()) {
                    state = RunState.CANCELLED;
                }
                foldStates.values().forEach(f -> f.cancelled(r.reason()));
            } else if (!state.terminal() && (retriedAt == null || !retriedAt.isAfter(r.time()))) {
                // a retry requested after this failure (seen first: run and fold events sit on
                // different partitions) already restarted the run
                state = RunState.FAILED;
                failedAt = r.time();
                failure = r.reason();
            } else if (state == RunState.FAILED && (failedAt == null || r.time().isAfter(failedAt))) {
                failure = r.reason();
                failedAt = r.time();
            }
        } else if (event instanceof EnsemblePredicted e) {
            ensemble = new EnsembleView(e.configuration(), e.folds(), e.ensemblePrefix(), e.caseIds().size());
            advance(RunState.ENSEMBLED);
        } else if (event instanceof SubmissionReady s) {
            submission = new SubmissionView(s.submissionKey(), s.sizeBytes(), s.sha256(), s.foldBundleKeys());
            advance(RunState.COMPLETED);
        }
    }

    private void applyFold(FoldEvent event) {
        FoldId id = event.fold();
        ProjectedFold f = fold(id.stage(), id.fold(), id.configuration(),
                id.stage() > 0 ? FoldState.WAITING : FoldState.REQUESTED);
        f.updatedAt = event.time();
        if (event instanceof FoldTrainingRequested r) {
            f.requested(r);
            if (r.attempt() > 1) {
                retried(r.time());
            }
        } else if (event instanceof FoldPreprocessed pp) {
            f.preprocessed(pp);
        } else if (event instanceof FoldProgress p) {
            f.progress(p);
        } else if (event instanceof FoldCheckpointed c) {
            f.checkpointed(c);
        } else if (event instanceof FoldEvaluated e) {
            f.evaluated(e);
        } else if (event instanceof NextStagePredicted n) {
            f.nextStagePredicted(n.predictionsPrefix());
        } else if (event instanceof FoldFailed ff) {
            f.failed(ff);
        }
        if (!(event instanceof FoldTrainingRequested)) {
            advance(RunState.RUNNING);
        }
    }

    /** A fold's later attempt was requested at {@code time}: a run that failed before that runs again. */
    private void retried(Instant time) {
        retriedAt = retriedAt == null || time.isAfter(retriedAt) ? time : retriedAt;
        if (state == RunState.FAILED && (failedAt == null || time.isAfter(failedAt))) {
            state = RunState.RUNNING;
            failure = null;
        }
    }

    private ProjectedFold fold(int stage, int fold, String configuration, FoldState initial) {
        return foldStates.computeIfAbsent(stage * 1000 + fold, k -> new ProjectedFold(stage, fold, configuration, initial));
    }

    private void advance(RunState next) {
        if (!state.terminal() && next.ordinal() > state.ordinal()) {
            state = next;
        }
    }

    RunView view() {
        List<FoldView> views = foldStates.values().stream().map(ProjectedFold::view).toList();
        return new RunView(runId, dataset, configuration, stages, folds, importFolds, iterations, state, views,
                stageViews(views), ensemble, submission, waitingFor(), failure, requestedAt, updatedAt, events,
                submittedBy);
    }

    private boolean cascade() {
        return stages.size() > 1 || Configuration.CASCADE_FULLRES_3D.id().equals(configuration);
    }

    private List<RunView.StageView> stageViews(List<FoldView> views) {
        Map<Integer, String> configurations = new TreeMap<>();
        for (int s = 0; s < stages.size(); s++) {
            configurations.put(s, stages.get(s));
        }
        views.forEach(v -> configurations.putIfAbsent(v.stage(), v.configuration()));
        List<RunView.StageView> out = new ArrayList<>();
        configurations.forEach((stage, conf) -> {
            RunAccepted.StagePlan plan = stage < stagePlans.size() ? stagePlans.get(stage) : null;
            List<Integer> planned = plan != null ? plan.folds() : stage == 0 && !stages.isEmpty() ? folds : null;
            List<Integer> imported = plan != null ? plan.importedFolds() : stage == 0 && !stages.isEmpty() ? importFolds : null;
            Integer its = plan != null ? Integer.valueOf(plan.iterations()) : stage == 0 ? iterations : null;
            out.add(new RunView.StageView(stage, conf, planned, imported, its, plan == null ? null : plan.settings(),
                    views.stream().filter(v -> v.stage() == stage).toList()));
        });
        return out;
    }

    private List<String> waitingFor() {
        List<String> waiting = new ArrayList<>();
        if (state.terminal()) {
            return waiting;
        }
        if (state == RunState.REQUESTED) {
            waiting.add("planning");
            return waiting;
        }
        // folds waiting for the same thing in the same stage make one item, in fold order
        Map<String, List<Integer>> byWhat = new LinkedHashMap<>();
        boolean cascade = cascade();
        foldStates.values().forEach(f -> {
            String what = f.waitingFor(cascade, runsBucket, runId);
            if (what != null) {
                byWhat.computeIfAbsent(f.stage + "\n" + what, k -> new ArrayList<>()).add(f.fold);
            }
        });
        byWhat.forEach((key, foldList) -> {
            int cut = key.indexOf('\n');
            waiting.add("stage " + key.substring(0, cut) + " " + FoldRanges.describe(foldList) + ": "
                    + key.substring(cut + 1));
        });
        if (!waiting.isEmpty()) {
            return waiting;
        }
        boolean laterStageKnown = foldStates.values().stream().anyMatch(f -> f.stage > 0);
        if (cascade && !laterStageKnown) {
            waiting.add("stage 1 (" + (stages.size() > 1 ? stages.get(1) : configuration)
                    + ") fold requests after the next-stage predictions");
        } else if (ensemble == null) {
            waiting.add("ensemble prediction of the test set");
        } else if (submission == null) {
            waiting.add("package: submission archive and fold bundles");
        }
        return waiting;
    }
}
