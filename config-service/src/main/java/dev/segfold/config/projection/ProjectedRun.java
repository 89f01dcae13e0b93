package dev.segfold.config.projection;

import dev.segfold.config.projection.RunView.EnsembleView;
import dev.segfold.config.projection.RunView.SubmissionView;
import dev.segfold.contracts.events.EnsemblePredicted;
import dev.segfold.contracts.events.FoldCheckpointed;
import dev.segfold.contracts.events.FoldEvaluated;
import dev.segfold.contracts.events.FoldEvent;
import dev.segfold.contracts.events.FoldFailed;
import dev.segfold.contracts.events.FoldId;
import dev.segfold.contracts.events.FoldProgress;
import dev.segfold.contracts.events.FoldTrainingRequested;
import dev.segfold.contracts.events.NextStagePredicted;
import dev.segfold.contracts.events.RunAccepted;
import dev.segfold.contracts.events.RunFailed;
import dev.segfold.contracts.events.RunRequested;
import dev.segfold.contracts.events.SegfoldEvent;
import dev.segfold.contracts.events.SubmissionReady;
import java.time.Instant;
import java.util.ArrayList;
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

    ProjectedRun(String runId) {
        this.runId = runId;
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
            advance(RunState.ACCEPTED);
        } else if (event instanceof RunFailed r) {
            failure = r.reason();
            if (RunProjection.isCancellation(r.reason())) {
                if (!state.terminal()) {
                    state = RunState.CANCELLED;
                }
                foldStates.values().forEach(f -> f.cancelled(r.reason()));
            } else if (!state.terminal()) {
                state = RunState.FAILED;
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
        if (event instanceof FoldTrainingRequested) {
            f.requested();
        } else if (event instanceof FoldProgress p) {
            f.progress(p);
        } else if (event instanceof FoldCheckpointed c) {
            f.checkpointed(c);
        } else if (event instanceof FoldEvaluated e) {
            f.evaluated(e);
        } else if (event instanceof NextStagePredicted n) {
            f.nextStagePrefix = n.predictionsPrefix();
        } else if (event instanceof FoldFailed ff) {
            f.failed(ff);
        }
        if (!(event instanceof FoldTrainingRequested)) {
            advance(RunState.RUNNING);
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
                ensemble, submission, waitingFor(), failure, requestedAt, updatedAt, events);
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
        foldStates.values().forEach(f -> {
            String w = f.waitingFor();
            if (w != null) {
                waiting.add(w);
            }
        });
        if (!waiting.isEmpty()) {
            return waiting;
        }
        boolean stage1Known = foldStates.values().stream().anyMatch(f -> f.stage > 0);
        if (stages.size() > 1 && !stage1Known) {
            waiting.add("stage 1 (" + stages.get(1) + ") fold requests after the next-stage predictions");
        } else if (ensemble == null) {
            waiting.add("ensemble prediction of the test set");
        } else if (submission == null) {
            waiting.add("submission archive");
        }
        return waiting;
    }
}
