package dev.segfold.predictor.service;

import dev.segfold.contracts.events.EnsemblePredicted;
import dev.segfold.contracts.events.FoldEvaluated;
import dev.segfold.contracts.events.RunFailed;
import dev.segfold.contracts.storage.RunLayout;
import dev.segfold.predictor.messaging.PredictionsPublisher;
import dev.segfold.service.run.RunDescription;
import dev.segfold.service.run.RunDescriptions;
import dev.segfold.service.status.StatusPublisher;
import dev.segfold.service.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * Reacts to a fold's evaluation: when storage shows every expected fold evaluated and no finished
 * ensemble, builds it, writes the marker last and announces {@code EnsemblePredicted} on
 * {@code segfold.predictions} and on status. One run is handled by one thread at a time in this
 * instance (two evaluations arriving together produce one ensemble); across instances the marker
 * in storage makes later deliveries do nothing.
 */
@ApplicationScoped
public class EnsembleCoordinator {
    private static final Logger LOG = Logger.getLogger(EnsembleCoordinator.class);
    private static final long PUBLISH_TIMEOUT_S = 60;

    private final ObjectStore store;
    private final RunDescriptions runs;
    private final EnsembleReadiness readiness;
    private final EnsembleBuilder builder;
    private final NextStagePlanner nextStage;
    private final PredictionsPublisher predictions;
    private final StatusPublisher status;
    // One lock per run; runs are few and long-lived, so the map is never pruned.
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    public EnsembleCoordinator(ObjectStore store, RunDescriptions runs, EnsembleReadiness readiness,
            EnsembleBuilder builder, NextStagePlanner nextStage, PredictionsPublisher predictions,
            StatusPublisher status) {
        this.store = store;
        this.runs = runs;
        this.readiness = readiness;
        this.builder = builder;
        this.nextStage = nextStage;
        this.predictions = predictions;
        this.status = status;
    }

    /** Handles one evaluation; failures are reported as {@code RunFailed}, never thrown. */
    public EnsembleOutcome onFoldEvaluated(FoldEvaluated evaluated) {
        String runId = evaluated.runId();
        ReentrantLock lock = locks.computeIfAbsent(runId, k -> new ReentrantLock());
        lock.lock();
        try {
            return decide(evaluated);
        } catch (Exception | LinkageError e) {
            String reason = "ensemble of run " + runId + " failed: "
                    + (e.getMessage() == null ? e.getClass().getName() : e.getMessage());
            LOG.error(reason, e);
            publishFailure(runId, reason);
            return new EnsembleOutcome(EnsembleOutcome.State.FAILED, reason);
        } finally {
            lock.unlock();
        }
    }

    private EnsembleOutcome decide(FoldEvaluated evaluated) throws Exception {
        RunDescription run = runs.read(evaluated.runId());
        if (!evaluated.fold().configuration().equals(run.configuration())) {
            return new EnsembleOutcome(EnsembleOutcome.State.EARLIER_STAGE,
                    nextStage.onEarlierStageEvaluated(evaluated, run));
        }
        String bucket = store.buckets().runs();
        String markerKey = EnsembleMarker.key(run.runId());
        if (store.exists(bucket, markerKey)) {
            return new EnsembleOutcome(EnsembleOutcome.State.ALREADY_DONE, bucket + "/" + markerKey + " exists");
        }
        Readiness ready = readiness.check(run);
        if (!ready.ready()) {
            return EnsembleOutcome.waiting(ready.missing());
        }
        EnsembleMarker marker = builder.build(run, ready.finals());
        store.put(bucket, markerKey, marker.toJson(), "application/json");
        EnsemblePredicted event = new EnsemblePredicted(run.runId(), run.configuration(), marker.folds(),
                RunLayout.of(run.runId()).ensemblePrefix(), marker.caseIds(), Instant.now());
        try {
            predictions.publish(event).toCompletableFuture().get(PUBLISH_TIMEOUT_S, TimeUnit.SECONDS);
            status.publish(event).toCompletableFuture().get(PUBLISH_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (Exception e) {
            // without the announcement nobody packages the run: take the marker back so a
            // re-delivery builds and announces again
            store.remove(bucket, markerKey);
            throw e;
        }
        return new EnsembleOutcome(EnsembleOutcome.State.PREDICTED, "folds " + marker.folds() + ", "
                + marker.caseIds().size() + " test cases");
    }

    private void publishFailure(String runId, String reason) {
        try {
            status.publish(new RunFailed(runId, reason, Instant.now())).toCompletableFuture()
                    .get(PUBLISH_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.errorf(e, "could not publish RunFailed for run %s", runId);
        }
    }
}
