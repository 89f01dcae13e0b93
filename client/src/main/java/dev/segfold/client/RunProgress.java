package dev.segfold.client;

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
import dev.segfold.contracts.events.SegfoldEvent;
import dev.segfold.contracts.events.SubmissionReady;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The client's picture of one run, folded from its status events: one line per (stage, fold), the
 * run-level steps, and whether the run has finished.
 */
final class RunProgress {
    private final String runId;
    private final Map<String, FoldLine> folds = new TreeMap<>();
    private final List<String> runSteps = new ArrayList<>();
    private boolean cascade;
    private SubmissionReady submission;
    private String failure;

    RunProgress(String runId) {
        this.runId = runId;
    }

    /** @return whether the event belonged to this run */
    boolean apply(SegfoldEvent event) {
        if (!event.key().equals(runId) && !event.key().startsWith(runId + "/")) {
            return false;
        }
        if (event instanceof FoldEvent f) {
            applyFold(f);
        } else if (event instanceof RunAccepted a) {
            cascade = a.stages().size() > 1;
            // fold requests can be seen before the acceptance: name their lines as the cascade's
            folds.replaceAll((k, f) -> new FoldLine(label(Integer.parseInt(k.substring(0, k.indexOf('/'))),
                    a.stages().get(0), Integer.parseInt(k.substring(k.indexOf('/') + 1))), f.state(), f.iteration(),
                    f.total(), f.loss(), f.etaSeconds(), f.detail()));
            String configuration = a.stages().get(0);
            a.folds().forEach(k -> folds.putIfAbsent("0/" + k,
                    new FoldLine(label(0, configuration, k), "REQUESTED", 0, a.iterations(), Double.NaN, null, null)));
            a.importedFolds().forEach(k -> folds.putIfAbsent("0/" + k,
                    new FoldLine(label(0, configuration, k), "IMPORTING", 0, 0, Double.NaN, null,
                            "waiting for its checkpoint.json")));
            // a cascade's later stages, from the plan, before their folds are requested
            a.stagePlans().stream().filter(s -> s.stage() > 0).forEach(s -> s.folds().forEach(k ->
                    folds.putIfAbsent(s.stage() + "/" + k, new FoldLine(label(s.stage(), s.configuration(), k),
                            "WAITING", 0, s.iterations(), Double.NaN, null, "for next-stage predictions"))));
        } else if (event instanceof EnsemblePredicted e) {
            runSteps.add("ensemble of folds " + e.folds() + ": " + e.caseIds().size() + " test cases predicted");
        } else if (event instanceof SubmissionReady s) {
            submission = s;
            runSteps.add("submission ready: " + s.submissionKey());
        } else if (event instanceof RunFailed r) {
            failure = r.reason();
            runSteps.add("run failed: " + r.reason());
        }
        return true;
    }

    private void applyFold(FoldEvent event) {
        FoldId id = event.fold();
        cascade |= id.stage() > 0;
        String key = id.stage() + "/" + id.fold();
        FoldLine old = folds.getOrDefault(key,
                new FoldLine(label(id.stage(), id.configuration(), id.fold()), "REQUESTED", 0, 0, Double.NaN, null, null));
        FoldLine updated = old;
        if (event instanceof FoldTrainingRequested r) {
            updated = new FoldLine(old.label(), "REQUESTED", old.iteration(), r.iterations(), old.loss(), null,
                    r.attempt() > 1 ? "attempt " + r.attempt() : null);
        } else if (event instanceof FoldProgress p) {
            updated = new FoldLine(old.label(), "TRAINING", p.iteration(), p.totalIterations(), p.trainLoss(),
                    p.etaSeconds(), null);
        } else if (event instanceof FoldCheckpointed c) {
            updated = new FoldLine(old.label(), c.finalCheckpoint() ? "TRAINED" : "TRAINING", c.iteration(),
                    Math.max(old.total(), c.iteration()), old.loss(), c.finalCheckpoint() ? null : old.etaSeconds(), null);
        } else if (event instanceof FoldEvaluated e) {
            int total = old.total() == 0 ? e.iteration() : old.total();
            updated = new FoldLine(old.label(), "EVALUATED", total, total, old.loss(), null,
                    "Dice " + e.dice().stream().map(d -> String.format("%.3f", d.dice())).toList());
        } else if (event instanceof NextStagePredicted n) {
            updated = new FoldLine(old.label(), "NEXT_STAGE", old.iteration(), old.total(), old.loss(), null,
                    (old.detail() == null ? "" : old.detail() + ", ") + n.caseIds().size() + " next-stage predictions");
        } else if (event instanceof FoldFailed f) {
            // a retryable failure is retried by the config-service, or turned into one that is not
            updated = new FoldLine(old.label(), f.retryable() ? "RETRYING" : "FAILED", old.iteration(), old.total(),
                    old.loss(), null, f.retryable() ? "attempt " + f.attempt() + " failed: " + f.reason() : f.reason());
        }
        folds.put(key, updated);
    }

    /** {@code "s1 fold 0"} in a cascade, where the stage tells more than the name; else {@code "3d_fullres fold 0"}. */
    private String label(int stage, String configuration, int fold) {
        return cascade ? "s" + stage + " fold " + fold : configuration + " fold " + fold;
    }

    boolean finished() {
        return submission != null || failure != null;
    }

    SubmissionReady submission() {
        return submission;
    }

    String failure() {
        return failure;
    }

    List<String> render() {
        List<String> lines = new ArrayList<>();
        folds.values().forEach(f -> lines.add(f.render()));
        runSteps.forEach(s -> lines.add("  " + s));
        return lines;
    }
}
