package dev.segfold.predictor.service;

import dev.segfold.contracts.events.FailurePhase;
import dev.segfold.contracts.events.FoldEvaluated;
import dev.segfold.contracts.events.FoldFailed;
import dev.segfold.contracts.events.FoldId;
import dev.segfold.contracts.events.FoldTrainingRequested;
import dev.segfold.contracts.events.NextStagePredicted;
import dev.segfold.contracts.spec.FoldSettings;
import dev.segfold.contracts.storage.RunLayout;
import dev.segfold.engine.plan.Configuration;
import dev.segfold.engine.workflow.ExperimentContext;
import dev.segfold.engine.workflow.NextStagePrediction;
import dev.segfold.predictor.config.PredictorConfig;
import dev.segfold.predictor.messaging.FoldRequestsPublisher;
import dev.segfold.predictor.messaging.PredictionsPublisher;
import dev.segfold.service.checkpoint.StoredCheckpoint;
import dev.segfold.service.checkpoint.StoredCheckpoints;
import dev.segfold.service.run.EngineSettings;
import dev.segfold.service.run.RunDescription;
import dev.segfold.service.run.RunStage;
import dev.segfold.service.status.StatusPublisher;
import dev.segfold.service.storage.ObjectStore;
import dev.segfold.service.workspace.LocalFolders;
import dev.segfold.service.workspace.RunWorkspaces;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The cascade's {@link NextStagePlanner}. When a {@code 3d_lowres} (stage 0) fold of a
 * {@code 3d_cascade_fullres} run has its final checkpoint evaluated, it predicts the fold's
 * validation cases for the next stage with that checkpoint ({@link NextStagePrediction}), uploads
 * {@code <run>/3d_lowres/next_stage/<case>.npz}, then the fold's {@link NextStageMarker}, and
 * announces {@code NextStagePredicted}. When storage shows a marker for every stage-0 fold and no
 * {@link SecondStageRequested}, it requests every stage-1 fold on {@code segfold.fold-requests}
 * and writes that marker. Everything is decided from storage, so a restart or a replay repeats
 * nothing that was finished. A failure of one fold is a {@code FoldFailed} (phase
 * {@code PREDICTION}) for that fold and stops nothing else.
 *
 * <p>Called under the coordinator's per-run lock, so two folds of one run never write the
 * stage-1 marker at once in this instance.
 */
@ApplicationScoped
public class CascadeNextStage implements NextStagePlanner {
    private static final Logger LOG = Logger.getLogger(CascadeNextStage.class);
    private static final long PUBLISH_TIMEOUT_S = 60;
    static final Configuration FIRST = Configuration.LOWRES_3D;
    static final Configuration SECOND = Configuration.CASCADE_FULLRES_3D;

    private final ObjectStore store;
    private final RunWorkspaces workspaces;
    private final StoredCheckpoints checkpoints;
    private final PredictorConfig config;
    private final PredictionsPublisher predictions;
    private final FoldRequestsPublisher requests;
    private final StatusPublisher status;

    public CascadeNextStage(ObjectStore store, RunWorkspaces workspaces, StoredCheckpoints checkpoints,
            PredictorConfig config, PredictionsPublisher predictions, FoldRequestsPublisher requests,
            StatusPublisher status) {
        this.store = store;
        this.workspaces = workspaces;
        this.checkpoints = checkpoints;
        this.config = config;
        this.predictions = predictions;
        this.requests = requests;
        this.status = status;
    }

    @Override
    public String onEarlierStageEvaluated(FoldEvaluated evaluated, RunDescription run) {
        FoldId fold = evaluated.fold();
        if (!SECOND.id().equals(run.configuration()) || fold.stage() != 0 || !FIRST.id().equals(fold.configuration())) {
            return "fold " + fold.key() + " of " + fold.configuration() + " is not the first stage of a "
                    + SECOND.id() + " run (run configuration " + run.configuration() + "): nothing to predict";
        }
        String predicted;
        try {
            predicted = predictFold(evaluated, run);
        } catch (Exception | LinkageError e) {
            String reason = "next-stage prediction of " + FIRST.id() + " fold " + fold.fold() + " of run "
                    + run.runId() + " failed: " + (e.getMessage() == null ? e.getClass().getName() : e.getMessage());
            LOG.error(reason, e);
            publishFailure(new FoldFailed(fold, FailurePhase.PREDICTION, reason, false, Instant.now()));
            return reason;
        }
        try {
            return predicted + "; " + requestSecondStage(run);
        } catch (Exception e) {
            String reason = "requesting the " + SECOND.id() + " folds of run " + run.runId() + " failed: "
                    + (e.getMessage() == null ? e.getClass().getName() : e.getMessage());
            LOG.error(reason, e);
            publishFailure(new FoldFailed(fold, FailurePhase.PREDICTION, reason, true, Instant.now()));
            return reason;
        }
    }

    /** Predicts the fold's validation cases unless its marker names the same final checkpoint. */
    private String predictFold(FoldEvaluated evaluated, RunDescription run) throws Exception {
        FoldId fold = evaluated.fold();
        String bucket = store.buckets().runs();
        Optional<StoredCheckpoint> found = checkpoints.finalCheckpoint(fold.layout());
        if (found.isEmpty() || found.get().iteration() != evaluated.iteration()) {
            return "iteration " + evaluated.iteration() + " of " + fold.key() + " is not its final checkpoint";
        }
        StoredCheckpoint checkpoint = found.get();
        String digest = StoredCheckpoints.sha256(checkpoint.manifest());
        String markerKey = NextStageMarker.key(run.runId(), FIRST.id(), fold.fold());
        if (store.exists(bucket, markerKey)
                && digest.equals(NextStageMarker.fromJson(store.get(bucket, markerKey)).manifestDigest())) {
            return "fold " + fold.fold() + " already predicted the next stage with this checkpoint";
        }

        ExperimentContext ctx = workspaces.experiment(run.runId(), run.dataset());
        List<String> caseIds = ctx.split().fold(fold.fold()).val();
        Path checkpointDir = checkpoints.download(checkpoint, LocalFolders.clean(
                ctx.layout().checkpoints(FIRST, fold.fold()).resolve("iter_" + checkpoint.iteration())));
        Path out = LocalFolders.clean(ctx.layout().nextStage(FIRST).resolve("fold" + fold.fold()));
        List<Path> written = NextStagePrediction.run(ctx.plans(), ctx.preprocessing(FIRST), ctx.preprocessing(SECOND),
                caseIds, checkpointDir, out,
                EngineSettings.inference(config.inference().settings(), run.settings(0).orElse(null)));
        RunLayout keys = RunLayout.of(run.runId());
        for (int i = 0; i < caseIds.size(); i++) {
            store.put(bucket, keys.nextStage(FIRST.id(), caseIds.get(i), ".npz"), written.get(i));
        }
        NextStageMarker marker = new NextStageMarker(fold.fold(), checkpoint.layout().manifest(), digest, caseIds,
                Instant.now());
        store.put(bucket, markerKey, marker.toJson(), "application/json");
        NextStagePredicted event = new NextStagePredicted(fold, keys.nextStagePrefix(FIRST.id()), caseIds,
                Instant.now());
        try {
            predictions.publish(event).toCompletableFuture().get(PUBLISH_TIMEOUT_S, TimeUnit.SECONDS);
            status.publish(event).toCompletableFuture().get(PUBLISH_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (Exception e) {
            // unannounced maps are predicted again on re-delivery, so the announcement is not lost
            store.remove(bucket, markerKey);
            throw e;
        }
        return "fold " + fold.fold() + " predicted " + caseIds.size() + " cases for the next stage";
    }

    /** Requests the stage-1 folds once every stage-0 fold has its marker and nobody requested them. */
    private String requestSecondStage(RunDescription run) throws Exception {
        String bucket = store.buckets().runs();
        String requestedKey = SecondStageRequested.key(run.runId(), FIRST.id());
        if (store.exists(bucket, requestedKey)) {
            return "stage 1 already requested";
        }
        RunStage first = run.stage(0);
        List<Integer> missing = new ArrayList<>();
        for (int k : first.expectedFolds()) {
            if (!store.exists(bucket, NextStageMarker.key(run.runId(), FIRST.id(), k))) {
                missing.add(k);
            }
        }
        if (!missing.isEmpty()) {
            return "stage 1 waits for the next-stage predictions of " + FIRST.id() + " folds " + missing;
        }
        RunStage second = run.stage(1);
        if (!SECOND.id().equals(second.configuration())) {
            throw new IllegalArgumentException("run.json of run " + run.runId() + ": stages[1].configuration is '"
                    + second.configuration() + "', expected " + SECOND.id());
        }
        RunLayout keys = RunLayout.of(run.runId());
        FoldSettings settings = second.requireSettings(run.runId());
        for (int k : second.folds()) {
            FoldTrainingRequested request = new FoldTrainingRequested(new FoldId(run.runId(), SECOND.id(), 1, k),
                    run.dataset(), settings, keys.plans(), keys.foldConfig(SECOND.id(), k), keys.nextStagePrefix(FIRST.id()), Instant.now());
            requests.publish(request, run.trainedFoldsByStage()).toCompletableFuture()
                    .get(PUBLISH_TIMEOUT_S, TimeUnit.SECONDS);
            status.publish(request).toCompletableFuture().get(PUBLISH_TIMEOUT_S, TimeUnit.SECONDS);
        }
        store.put(bucket, requestedKey, new SecondStageRequested(run.runId(), second.folds(), Instant.now()).toJson(),
                "application/json");
        return "requested " + SECOND.id() + " folds " + second.folds();
    }

    private void publishFailure(FoldFailed failed) {
        try {
            status.publish(failed).toCompletableFuture().get(PUBLISH_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.errorf(e, "could not publish FoldFailed for %s", failed.fold().key());
        }
    }
}
