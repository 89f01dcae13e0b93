package dev.segfold.config.retry;

import dev.segfold.config.config.ConfigServiceSettings;
import dev.segfold.config.messaging.FoldRequestPublisher;
import dev.segfold.config.projection.FoldState;
import dev.segfold.config.projection.FoldView;
import dev.segfold.config.projection.RunProjection;
import dev.segfold.config.projection.RunView;
import dev.segfold.contracts.events.FailurePhase;
import dev.segfold.contracts.events.FoldFailed;
import dev.segfold.contracts.events.FoldId;
import dev.segfold.contracts.events.FoldTrainingRequested;
import dev.segfold.contracts.events.RunFailed;
import dev.segfold.contracts.events.SegfoldEvent;
import dev.segfold.contracts.json.ContractJson;
import dev.segfold.contracts.storage.RunLayout;
import dev.segfold.service.run.RunDescription;
import dev.segfold.service.run.RunDescriptions;
import dev.segfold.service.status.StatusPublisher;
import dev.segfold.service.storage.ObjectStore;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Acts on fold failures seen on {@code segfold.status} ({@link RetryPolicy}): requests a
 * retryable training failure again as its next attempt after a backoff, or fails the fold and its
 * run for good ({@code FoldFailed} with {@code retryable=false} and the count, then
 * {@code RunFailed}); and restarts a run's failed folds on a user's request.
 *
 * <p>Why here: the config-service already requests folds, reads every status event and holds the
 * run's state, so no new service or consumer group is needed; the trainer only says whether its
 * failure may heal. Every decision is taken {@code decision-delay} after the failure arrived and
 * checked against the projection then (the fold still failed with that attempt, the run not over),
 * and recorded in {@link FoldAttempts}, so that the replay of {@code segfold.status} at every
 * start repeats nothing. A retry is published before it is recorded: a crash in between requests
 * the attempt twice, which the trainers tolerate (one lease per fold, resume from the newest
 * checkpoint), where the other order could lose it.
 */
@ApplicationScoped
public class FoldRetries {
    private static final Logger LOG = Logger.getLogger(FoldRetries.class);

    private final ObjectStore store;
    private final RunDescriptions descriptions;
    private final FoldRequestPublisher requests;
    private final StatusPublisher status;
    private final RunProjection projection;
    private final ConfigServiceSettings settings;
    private final RetryPolicy policy;
    private final Clock clock;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fold-retries");
        t.setDaemon(true);
        return t;
    });

    public FoldRetries(ObjectStore store, RunDescriptions descriptions, FoldRequestPublisher requests,
                       StatusPublisher status, RunProjection projection, ConfigServiceSettings settings, Clock clock) {
        this.store = store;
        this.descriptions = descriptions;
        this.requests = requests;
        this.status = status;
        this.projection = projection;
        this.settings = settings;
        ConfigServiceSettings.Retry retry = settings.retry();
        this.policy = new RetryPolicy(retry.maxAttempts(), retry.backoff(), retry.maxBackoff());
        this.clock = clock;
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }

    /** The policy in force. */
    public RetryPolicy policy() {
        return policy;
    }

    /** Called for every status event newly applied to the projection; acts on fold failures only. */
    public void onEvent(SegfoldEvent event) {
        if (event instanceof FoldFailed failed && !failed.reason().startsWith(RetryPolicy.CANCELLED_PREFIX)) {
            schedule(() -> decide(failed), settings.retry().decisionDelay());
        }
    }

    private void schedule(Runnable task, Duration delay) {
        if (!scheduler.isShutdown()) {
            scheduler.schedule(task, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
        }
    }

    private void decide(FoldFailed failed) {
        try {
            if (!stillFailed(failed)) {
                return;
            }
            if (failed.phase() == FailurePhase.EVALUATION && failed.retryable()) {
                decideEvaluation(failed);
                return;
            }
            FoldAttempts attempts = attempts(failed.fold());
            RetryPolicy.Decision decision = policy.decide(failed, attempts);
            if (decision instanceof RetryPolicy.Decision.Retry retry) {
                Duration waited = Duration.between(failed.time(), clock.instant());
                LOG.infof("%s: attempt %d failed (%s); attempt %d in %s", failed.fold().key(), failed.attempt(),
                        failed.reason(), retry.nextAttempt(), retry.delay().minus(waited).isNegative()
                                ? Duration.ZERO : retry.delay().minus(waited));
                schedule(() -> retry(failed, retry.nextAttempt()), retry.delay().minus(waited));
            } else if (decision instanceof RetryPolicy.Decision.GiveUp giveUp) {
                giveUp(failed, attempts, giveUp.attempts());
            } else if (decision instanceof RetryPolicy.Decision.Ignore ignore) {
                LOG.debugf("%s: failure of attempt %d left alone: %s", failed.fold().key(), failed.attempt(),
                        ignore.why());
            }
        } catch (RuntimeException e) {
            // storage or broker away: decide again later rather than forget the failure
            LOG.warnf("%s: could not act on the failure of attempt %d (%s); trying again in %s", failed.fold().key(),
                    failed.attempt(), e.getMessage(), policy.backoff());
            schedule(() -> decide(failed), policy.backoff());
        }
    }

    /** A retryable evaluation failure of the fold's final checkpoint: announce it again, or give up. */
    private void decideEvaluation(FoldFailed failed) {
        Optional<String> manifest = finalManifest(failed.fold());
        if (manifest.isEmpty()) {
            LOG.debugf("%s: evaluation failure left alone: not of the final checkpoint", failed.fold().key());
            return;
        }
        EvaluationRetries retries = evaluationRetries(failed.fold(), manifest.get());
        RetryPolicy.Decision decision = policy.decideEvaluation(failed, retries);
        if (decision instanceof RetryPolicy.Decision.Reevaluate again) {
            Duration wait = again.delay().minus(Duration.between(failed.time(), clock.instant()));
            LOG.infof("%s: evaluation of %s failed (%s); announcing it again in %s", failed.fold().key(),
                    manifest.get(), failed.reason(), wait.isNegative() ? Duration.ZERO : wait);
            schedule(() -> reevaluate(failed, manifest.get(), again.retry()), wait);
        } else if (decision instanceof RetryPolicy.Decision.GiveUp giveUp) {
            giveUp(failed, attempts(failed.fold()), giveUp.attempts());
            writeEvaluationRetries(retries.gaveUp(failed.time(), clock.instant()));
        }
    }

    /**
     * Writes the final checkpoint's manifest again, unchanged: the bucket notification reaches the
     * evaluator as for a checkpoint that just landed (the evaluator's marker is absent after a failure).
     */
    private void reevaluate(FoldFailed failed, String manifestKey, int retry) {
        try {
            EvaluationRetries retries = evaluationRetries(failed.fold(), manifestKey);
            if (retries.retries() >= retry || !stillFailed(failed) || cancelled(failed.fold().runId())) {
                return;
            }
            String bucket = store.buckets().runs();
            store.put(bucket, manifestKey, store.get(bucket, manifestKey), "application/json");
            writeEvaluationRetries(retries.announced(retry, failed.time(), clock.instant()));
            LOG.infof("%s: %s announced to the evaluator again (evaluation %d)", failed.fold().key(), manifestKey,
                    retry + 1);
        } catch (RuntimeException e) {
            LOG.warnf("%s: could not announce %s again (%s); trying again in %s", failed.fold().key(), manifestKey,
                    e.getMessage(), policy.backoff());
            schedule(() -> reevaluate(failed, manifestKey, retry), policy.backoff());
        }
    }

    /** The fold's final checkpoint manifest, as the projection knows it. */
    private Optional<String> finalManifest(FoldId fold) {
        return projection.run(fold.runId()).flatMap(run -> run.foldViews().stream()
                .filter(f -> f.stage() == fold.stage() && f.fold() == fold.fold()
                        && Boolean.TRUE.equals(f.finalCheckpoint()) && f.checkpointKey() != null)
                .map(f -> f.checkpointKey()).findFirst());
    }

    private EvaluationRetries evaluationRetries(FoldId fold, String manifestKey) {
        String bucket = store.buckets().runs();
        String key = EvaluationRetries.key(fold);
        if (store.exists(bucket, key)) {
            EvaluationRetries stored = ContractJson.read(store.get(bucket, key), EvaluationRetries.class);
            if (stored.manifestKey().equals(manifestKey)) {
                return stored;
            }
        }
        return EvaluationRetries.none(fold, manifestKey, clock.instant());
    }

    private void writeEvaluationRetries(EvaluationRetries retries) {
        store.put(store.buckets().runs(), EvaluationRetries.key(retries.fold()), ContractJson.write(retries),
                "application/json");
    }

    private void retry(FoldFailed failed, int next) {
        try {
            FoldAttempts attempts = attempts(failed.fold());
            if (attempts.attempt() >= next || !stillFailed(failed) || cancelled(failed.fold().runId())) {
                return;
            }
            request(failed.fold(), next);
            write(attempts.retried(next, clock.instant()));
        } catch (RuntimeException e) {
            LOG.warnf("%s: could not request attempt %d (%s); trying again in %s", failed.fold().key(), next,
                    e.getMessage(), policy.backoff());
            schedule(() -> retry(failed, next), policy.backoff());
        }
    }

    private void giveUp(FoldFailed failed, FoldAttempts attempts, int count) {
        FoldId fold = failed.fold();
        String counted = count == 1 ? "1 attempt" : count + " attempts";
        Instant now = clock.instant();
        if (failed.retryable()) {
            // the trainer said it might heal; the fold shows it will not be tried again
            await(status.publish(new FoldFailed(fold, failed.phase(), "failed for good after " + counted + ": "
                    + failed.reason(), false, now, failed.attempt())), "segfold.status");
        }
        String reason = "stage " + fold.stage() + " " + fold.configuration() + " fold " + fold.fold()
                + " failed for good after " + counted + " (" + failed.phase() + "): " + failed.reason()
                + "; POST /runs/" + fold.runId() + "/retry (./segfold retry " + fold.runId() + ") restarts it";
        await(status.publish(new RunFailed(fold.runId(), reason, now)), "segfold.status");
        write(attempts.gaveUp(failed.attempt(), now));
        LOG.warnf("run %s failed: %s", fold.runId(), reason);
    }

    /**
     * Restarts the run's failed folds ({@code fold} null: every one) as a new round of attempts,
     * each from its newest checkpoint in the bucket (where the trainer always resumes).
     *
     * @return every failed fold looked at; those not retried carry the reason
     * @throws IllegalStateException naming why nothing can be retried (no failed fold, cancelled)
     */
    public List<RetriedFold> retryFailed(String runId, Integer fold) {
        RunView run = projection.run(runId).orElseThrow(() -> new IllegalStateException("run " + runId
                + " has no status events in the projection; nothing is known to have failed"));
        if (run.state() == dev.segfold.config.projection.RunState.CANCELLED) {
            throw new IllegalStateException("run " + runId + " is cancelled; submit it again instead");
        }
        List<FoldView> failed = run.foldViews().stream().filter(f -> f.state() == FoldState.FAILED)
                .filter(f -> fold == null || f.fold() == fold).toList();
        if (failed.isEmpty()) {
            throw new IllegalStateException("run " + runId + " has no failed fold" + (fold == null ? ""
                    : " " + fold) + " (" + String.join(", ", run.foldViews().stream()
                    .filter(f -> fold == null || f.fold() == fold)
                    .map(f -> "stage " + f.stage() + " fold " + f.fold() + " " + f.state()).toList()) + ")");
        }
        List<RetriedFold> out = new ArrayList<>();
        for (FoldView f : failed) {
            FoldId id = new FoldId(runId, f.configuration(), f.stage(), f.fold());
            if (f.failedPhase() != null && f.failedPhase() != FailurePhase.TRAINING) {
                out.add(new RetriedFold(f.stage(), f.configuration(), f.fold(), null, "failed in " + f.failedPhase()
                        + ", which a training request does not redo; upload its checkpoint.json again to evaluate it"));
                continue;
            }
            FoldAttempts attempts = attempts(id);
            int next = Math.max(attempts.attempt(), f.attempt()) + 1;
            request(id, next);
            write(attempts.newRound(next, clock.instant()));
            out.add(new RetriedFold(f.stage(), f.configuration(), f.fold(), next, null));
        }
        return out;
    }

    /** Publishes the fold's request as {@code attempt}, to the trainers and to the status topic. */
    private void request(FoldId fold, int attempt) {
        RunDescription run = descriptions.read(fold.runId());
        FoldTrainingRequested request = FoldRequestRebuilder.request(run, fold, clock.instant()).retry(attempt,
                clock.instant());
        await(requests.publish(request, run.trainedFoldsByStage()), "segfold.fold-requests");
        await(status.publish(request), "segfold.status");
        LOG.infof("%s: requested attempt %d (resumes from the newest checkpoint in the bucket)", fold.key(), attempt);
    }

    /** Whether the fold still shows this failure, and its run is not over. */
    private boolean stillFailed(FoldFailed failed) {
        Optional<RunView> run = projection.run(failed.fold().runId());
        if (run.isEmpty() || run.get().state().terminal()) {
            return false;
        }
        return run.get().foldViews().stream().anyMatch(f -> f.stage() == failed.fold().stage()
                && f.fold() == failed.fold().fold() && f.state() == FoldState.FAILED
                && (failed.phase() != FailurePhase.TRAINING || f.attempt() == failed.attempt()));
    }

    private boolean cancelled(String runId) {
        return store.exists(store.buckets().runs(), RunLayout.of(runId).cancelMarker());
    }

    /** The fold's record, or its first attempt where none was written. */
    FoldAttempts attempts(FoldId fold) {
        String bucket = store.buckets().runs();
        String key = FoldAttempts.key(fold);
        if (!store.exists(bucket, key)) {
            return FoldAttempts.first(fold, clock.instant());
        }
        return ContractJson.read(store.get(bucket, key), FoldAttempts.class);
    }

    private void write(FoldAttempts attempts) {
        store.put(store.buckets().runs(), FoldAttempts.key(attempts.fold()), ContractJson.write(attempts),
                "application/json");
    }

    private void await(CompletionStage<Void> acked, String topic) {
        try {
            acked.toCompletableFuture().get(settings.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(topic + ": interrupted while waiting for the broker", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(topic + ": the broker did not acknowledge: " + e.getMessage(), e);
        }
    }
}
