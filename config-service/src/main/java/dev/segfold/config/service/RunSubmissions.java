package dev.segfold.config.service;

import dev.segfold.config.config.ConfigServiceSettings;
import dev.segfold.config.messaging.FoldRequestPublisher;
import dev.segfold.config.service.AcceptedRun.PlannedFold;
import dev.segfold.config.service.RunPlanner.PlannedRun;
import dev.segfold.config.service.RunRejectedException.Kind;
import dev.segfold.config.submission.Submission;
import dev.segfold.contracts.events.FoldId;
import dev.segfold.contracts.events.FoldTrainingRequested;
import dev.segfold.contracts.events.RunAccepted;
import dev.segfold.contracts.events.RunFailed;
import dev.segfold.contracts.events.RunRequested;
import dev.segfold.contracts.events.SegfoldEvent;
import dev.segfold.contracts.json.ContractJson;
import dev.segfold.contracts.spec.Configuration;
import dev.segfold.contracts.spec.RunSpec;
import dev.segfold.contracts.spec.SpecProblem;
import dev.segfold.contracts.spec.StageSpec;
import dev.segfold.contracts.storage.RunLayout;
import dev.segfold.engine.plan.PlansJson;
import dev.segfold.engine.split.SplitFile;
import dev.segfold.service.status.StatusPublisher;
import dev.segfold.service.storage.ObjectStore;
import dev.segfold.service.storage.ObjectStoreException;
import dev.segfold.service.workspace.RunWorkspaces;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Accepts a validated submission as a run (DESIGN §5): checks the data set exists, gives the run
 * an id, plans it, writes {@code plans.json}, {@code splits.json}, the per-fold configs and last
 * {@code run.json} (its presence means the run's files are complete), then requests the folds
 * trained here on {@code segfold.fold-requests} and announces the run on {@code segfold.status}.
 *
 * <p>Planning fingerprints every training case, which takes seconds for small data sets; it runs
 * inside the request (on a worker thread) for now, so the 202 means "planned and requested".
 * Once the run has an id, every failure is also published as {@code RunFailed}.
 */
@ApplicationScoped
public class RunSubmissions {
    private static final Logger LOG = Logger.getLogger(RunSubmissions.class);

    private final RunPlanner planner;
    private final ObjectStore store;
    private final FoldRequestPublisher foldRequests;
    private final StatusPublisher status;
    private final ConfigServiceSettings settings;
    private final Clock clock;
    private final RunIds ids;
    private final AutoPrecision autoPrecision;

    public RunSubmissions(RunPlanner planner, ObjectStore store, FoldRequestPublisher foldRequests,
                          StatusPublisher status, ConfigServiceSettings settings, Clock clock,
                          AutoPrecision autoPrecision) {
        this.autoPrecision = autoPrecision;
        this.planner = planner;
        this.store = store;
        this.foldRequests = foldRequests;
        this.status = status;
        this.settings = settings;
        this.clock = clock;
        this.ids = new RunIds(clock);
    }

    /**
     * A fresh run id. Read the submission with it (the YAML's path mappings name it); it becomes
     * the run's id once the submission is valid and its data set exists.
     */
    public String newRunId() {
        return ids.next();
    }

    /**
     * Accepts the submission as run {@code runId}, recorded as submitted by {@code submittedBy}
     * (the principal of the request's token; run.json and {@code RunAccepted} name it, and only
     * that principal or an admin may cancel the run).
     *
     * @throws RunRejectedException naming the field and the reason; with the run id once it was given
     */
    public AcceptedRun submit(String runId, Submission submitted, String submittedBy) {
        PrecisionChoice precision = autoPrecision.choose(submitted.spec().precision());
        Submission submission = submitted.withSpec(submitted.spec().withPrecision(precision.resolved()));
        RunSpec spec = submission.spec();
        boolean exists;
        try {
            exists = planner.datasetExists(spec.dataset());
        } catch (ObjectStoreException e) {
            throw new RunRejectedException(Kind.UNAVAILABLE, List.of(new SpecProblem("dataset",
                    "the object store cannot be asked for the data set: " + e.getMessage())), null, e);
        }
        if (!exists) {
            throw RunRejectedException.of(Kind.UNKNOWN_DATASET, "dataset", "no data set '" + spec.dataset()
                    + "': " + store.buckets().datasets() + "/" + spec.dataset() + "/dataset.json does not exist");
        }
        try {
            publish(new RunRequested(runId, spec.dataset(), spec.configuration().id(), spec.folds(),
                    spec.importedFolds(), spec.iterations(), clock.instant()));
            return accept(runId, submission, precision, submittedBy);
        } catch (RunRejectedException e) {
            fail(runId, e.problems());
            throw e.forRun(runId);
        } catch (ObjectStoreException | PublishException e) {
            List<SpecProblem> problems = List.of(new SpecProblem("", e.getMessage()));
            fail(runId, problems);
            throw new RunRejectedException(Kind.UNAVAILABLE, problems, runId, e);
        }
    }

    private AcceptedRun accept(String runId, Submission submission, PrecisionChoice precision, String submittedBy) {
        RunSpec spec = submission.spec();
        RunLayout layout = RunLayout.of(runId);
        PlannedRun planned = planner.plan(spec);
        String runs = store.buckets().runs();
        String splitsKey = layout.prefix() + RunWorkspaces.SPLITS_FILE;

        List<PlannedFold> folds = new ArrayList<>();
        for (StageSpec stage : spec.stages()) {
            String configuration = stage.configuration().id();
            for (int fold : stage.folds()) {
                folds.add(new PlannedFold(stage.stage(), configuration, fold, stage.stage() == 0 ? "trained" : "cascade",
                        layout.foldConfig(configuration, fold)));
            }
            for (int fold : stage.importedFolds()) {
                folds.add(new PlannedFold(stage.stage(), configuration, fold, "imported",
                        layout.foldConfig(configuration, fold)));
            }
        }
        for (PlannedFold fold : folds) {
            Configuration configuration = Configuration.fromId(fold.configuration());
            int planStage = dev.segfold.engine.plan.Configuration.fromId(fold.configuration())
                    .stageIndex(planned.plans().numStages());
            String yaml = submission.foldConfig(configuration, fold.fold(), planStage);
            store.put(runs, fold.configKey(), yaml.getBytes(StandardCharsets.UTF_8), "application/yaml");
        }
        store.put(runs, layout.plans(), PlansJson.toJson(planned.plans()).getBytes(StandardCharsets.UTF_8),
                "application/json");
        store.put(runs, splitsKey, SplitFile.toJson(planned.split()).getBytes(StandardCharsets.UTF_8),
                "application/json");
        Instant now = clock.instant();
        AcceptedRun run = new AcceptedRun(runId, submission, folds, layout.runJson(), layout.plans(), splitsKey,
                planned.forcedLowres(), precision, now, submittedBy);
        store.put(runs, layout.runJson(), ContractJson.write(RunDocument.of(run, planned)), "application/json");

        StageSpec first = spec.stages().get(0);
        List<List<Integer>> trainedFoldsByStage = spec.stages().stream()
                .sorted(Comparator.comparingInt(StageSpec::stage)).map(StageSpec::folds).toList();
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (PlannedFold fold : folds) {
            if (fold.origin().equals("trained")) {
                FoldId id = new FoldId(runId, fold.configuration(), fold.stage(), fold.fold());
                sent.add(foldRequests.publish(new FoldTrainingRequested(id, spec.dataset(), spec.foldSettings(first),
                        layout.plans(), fold.configKey(), null, now), trainedFoldsByStage).toCompletableFuture());
            }
        }
        await(CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)), "segfold.fold-requests");
        publish(new RunAccepted(runId, spec.dataset(), spec.stages().stream().map(s -> s.configuration().id()).toList(),
                spec.folds(), spec.importedFolds(), spec.iterations(), layout.runJson(), layout.plans(), now,
                run.stagePlans(), submittedBy));
        LOG.infof("run %s accepted from %s: %s %s, folds %s, imported %s, precision %s (%s)", runId, submittedBy,
                spec.dataset(), spec.configuration().id(), spec.folds(), spec.importedFolds(), precision.resolved(),
                precision.reason());
        return run;
    }

    private void fail(String runId, List<SpecProblem> problems) {
        String reason = "rejected: " + String.join("; ", problems.stream().map(SpecProblem::toString).toList());
        try {
            publish(new RunFailed(runId, reason, clock.instant()));
        } catch (PublishException e) {
            LOG.errorf("run %s failed (%s) and its RunFailed event was not published: %s", runId, reason, e.getMessage());
        }
    }

    private void publish(SegfoldEvent event) {
        await(status.publish(event).toCompletableFuture(), "segfold.status");
    }

    private void await(CompletionStage<Void> acked, String topic) {
        try {
            acked.toCompletableFuture().get(settings.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException(topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new PublishException(topic, e);
        }
    }

    /** The broker did not acknowledge in time. */
    static final class PublishException extends RuntimeException {
        PublishException(String topic, Throwable cause) {
            super("the broker did not acknowledge the events on " + topic + ": "
                    + (cause.getCause() != null ? cause.getCause().getMessage() : String.valueOf(cause.getMessage())), cause);
        }
    }
}
