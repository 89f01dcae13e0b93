package dev.segfold.trainer.service;

import dev.segfold.contracts.checkpoint.CheckpointManifest;
import dev.segfold.contracts.checkpoint.BudgetFit;
import dev.segfold.contracts.checkpoint.TrainedWith;
import dev.segfold.contracts.events.FailurePhase;
import dev.segfold.contracts.events.FoldCheckpointed;
import dev.segfold.contracts.events.FoldFailed;
import dev.segfold.contracts.events.FoldId;
import dev.segfold.contracts.events.FoldTrainingRequested;
import dev.segfold.contracts.spec.FoldSettings;
import dev.segfold.contracts.spec.TrainingRecipe;
import dev.segfold.contracts.storage.RunLayout;
import dev.segfold.engine.network.UNet3dConfig;
import dev.segfold.engine.plan.Configuration;
import dev.segfold.engine.plan.Plans;
import dev.segfold.engine.preprocess.PreprocessedCase;
import dev.segfold.engine.split.FoldSplit;
import dev.segfold.engine.training.BudgetRefit;
import dev.segfold.engine.training.IterationFit;
import dev.segfold.engine.training.TrainingConfig;
import dev.segfold.engine.training.TrainingOutcome;
import dev.segfold.engine.training.checkpoint.CheckpointStore;
import dev.segfold.engine.workflow.ExperimentContext;
import dev.segfold.engine.workflow.FoldTraining;
import dev.segfold.engine.workflow.NetworkPlans;
import dev.segfold.engine.workflow.PreviousStageMaps;
import dev.segfold.engine.workflow.StagePreprocessing;
import dev.segfold.service.run.EngineSettings;
import dev.segfold.service.status.StatusPublisher;
import dev.segfold.service.storage.ObjectStore;
import dev.segfold.service.storage.ObjectStoreException;
import dev.segfold.service.workspace.RunWorkspaces;
import dev.segfold.trainer.config.TrainerConfig;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Trains the fold a request names, idempotently: a fold whose final checkpoint is in the bucket
 * is only announced again; a fold with earlier checkpoints resumes from the newest complete one
 * (downloaded first if this machine lacks it); a cancelled run trains nothing more; a fold another
 * live trainer holds the lease of is waited for, not trained twice. A cascade's second stage
 * ({@code 3d_cascade_fullres}) first downloads the previous stage's maps of its training cases
 * ({@link PreviousStageDownload}). Every failure
 * becomes a {@code FoldFailed} event, never an exception, so one bad fold never stops the others.
 */
@ApplicationScoped
public class FoldTrainingService {
    /** Reason prefix of the {@code FoldFailed} a cancel produces. */
    public static final String CANCELLED = "cancelled";

    /** Folder beside a fold's checkpoints where checkpoints wait for the object store. */
    static final String OUTBOX = "outbox";

    private static final Logger LOG = Logger.getLogger(FoldTrainingService.class);

    private final ObjectStore store;
    private final RunWorkspaces workspaces;
    private final TrainerConfig config;
    private final FoldEvents events;
    private final TrainerMetrics metrics;
    private final String instanceId;
    /** The store with a retry deadline shorter than a lease renewal: for the lease and the cancel marker. */
    private final ObjectStore leaseStore;
    /** The store without retries: for the cancel marker, looked up again a few seconds later anyway. */
    private final ObjectStore probeStore;
    private final LeaseKeeper.Timing leaseTiming;
    /** Folds this instance may train at once ({@code segfold.trainer.folds-at-once}). */
    private final java.util.concurrent.Semaphore trainingSlots;
    private final Object activity = new Object();
    private int active;
    private volatile boolean shuttingDown;

    public FoldTrainingService(ObjectStore store, RunWorkspaces workspaces, TrainerConfig config,
            StatusPublisher publisher, TrainerMetrics metrics) {
        this.store = store;
        this.workspaces = workspaces;
        this.config = config;
        this.metrics = metrics;
        this.events = new FoldEvents(publisher, config.publishTimeout());
        this.instanceId = instanceName();
        this.leaseTiming = new LeaseKeeper.Timing(config.leaseTtl(), config.leaseRenewInterval(),
                config.leaseSettle());
        this.leaseStore = store.withRetryDeadline(config.leaseRenewInterval().dividedBy(2));
        this.probeStore = store.withRetryDeadline(java.time.Duration.ZERO);
        if (config.foldsAtOnce() < 1) {
            throw new IllegalArgumentException("segfold.trainer.folds-at-once " + config.foldsAtOnce()
                    + " must be at least 1");
        }
        this.trainingSlots = new java.util.concurrent.Semaphore(config.foldsAtOnce(), true);
    }

    /** How a request ended. */
    public enum Result {
        /** Trained to the final checkpoint. */
        TRAINED,
        /** The final checkpoint already existed; it was announced again. */
        ALREADY_DONE,
        /** The run was cancelled. */
        CANCELLED,
        /** Failed; a {@code FoldFailed} was published. */
        FAILED,
        /**
         * This process shuts down: the iteration reached was checkpointed and the lease released, so
         * another trainer takes the fold over; the request must not be acknowledged.
         */
        STOPPED,
        /** Another trainer took the fold's lease (this one was stalled past its time to live). */
        LEASE_LOST
    }

    /** Trains the requested fold on the calling thread (hours for a real fold). */
    public Result train(FoldTrainingRequested request) {
        Result result = trainCounted(request);
        metrics.fold(result);
        return result;
    }

    private Result trainCounted(FoldTrainingRequested request) {
        FoldId fold = request.fold();
        synchronized (activity) {
            active++;
        }
        try {
            return trainOrThrow(request);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (shuttingDown) {
                return Result.STOPPED; // not a failure: the request stays unacknowledged for the next trainer
            }
            return fail(request, "training interrupted", true);
        } catch (IOException | UncheckedIOException | ObjectStoreException e) {
            LOG.errorf(e, "%s: training failed", fold.key());
            return fail(request, describe(e), true);
        } catch (IllegalArgumentException e) {
            LOG.warnf("%s: bad input, the fold cannot train: %s", fold.key(), e.getMessage());
            return fail(request, describe(e), false);
        } catch (RuntimeException e) {
            LOG.errorf(e, "%s: training failed", fold.key());
            return fail(request, describe(e), false);
        } finally {
            synchronized (activity) {
                active--;
                activity.notifyAll();
            }
        }
    }

    /**
     * On SIGTERM (Quarkus shutdown): the fold in training checkpoints the iteration it reached,
     * uploads it and releases its lease, so that another trainer resumes it at once instead of after
     * the lease's time to live; a trainer waiting for a lease stops waiting. Waits for that up to
     * {@code segfold.trainer.shutdown-grace}.
     */
    void onShutdown(@Observes ShutdownEvent event) {
        shuttingDown = true;
        long deadline = System.nanoTime() + config.shutdownGrace().toNanos();
        synchronized (activity) {
            while (active > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    LOG.warnf("shutting down with a fold still training after %s (segfold.trainer.shutdown-grace)",
                            config.shutdownGrace());
                    return;
                }
                try {
                    activity.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Whether this process is shutting down. */
    public boolean shuttingDown() {
        return shuttingDown;
    }

    private Result trainOrThrow(FoldTrainingRequested request) throws IOException, InterruptedException {
        FoldId fold = request.fold();
        Configuration configuration = Configuration.fromId(fold.configuration());
        String runs = store.buckets().runs();
        PreviousStageDownload previousStage = null;
        if (configuration == Configuration.CASCADE_FULLRES_3D) {
            previousStage = PreviousStageDownload.of(store, runs, request);
        } else if (request.previousStagePrefix() != null) {
            return fail(request, PreviousStageDownload.FIELD + " " + request.previousStagePrefix()
                    + " is given for configuration " + configuration.id() + ", which takes no previous stage (only "
                    + Configuration.CASCADE_FULLRES_3D.id() + " does)", false);
        }
        BucketCheckpoints bucket = new BucketCheckpoints(store, runs, fold);
        if (announcedAsDone(fold, bucket)) {
            return Result.ALREADY_DONE;
        }
        CancelWatch cancel = new CancelWatch(() -> cancelMarkerExists(fold), config.cancelCheckInterval(),
                System::nanoTime);
        if (cancel.checkNow()) {
            return cancelled(fold, 0);
        }
        LeaseKeeper lease = new LeaseKeeper(leaseStore, runs, fold, instanceId, leaseTiming, Clock.systemUTC(),
                d -> Thread.sleep(d.toMillis()));
        boolean waiting = false;
        while (true) {
            if (shuttingDown) {
                return Result.STOPPED;
            }
            // the slot first, the lease second, and the slot back while the lease is someone else's:
            // a request waiting for another trainer's fold never keeps this trainer from other folds
            if (!trainingSlots.tryAcquire(1, java.util.concurrent.TimeUnit.SECONDS)) {
                continue; // this trainer trains as many folds as it may; the request waits its turn
            }
            boolean leased = false;
            try {
                leased = tryAcquire(lease, fold);
            } finally {
                if (!leased) {
                    trainingSlots.release();
                }
            }
            if (leased) {
                break;
            }
            if (!waiting) {
                LOG.infof("%s: another trainer holds %s, waiting until it finishes or its lease expires",
                        fold.key(), lease.key());
                waiting = true;
            }
            // A lease is an object, and S3 sends no event when another trainer deletes it: polling
            // at a tenth of its lifetime is the only way to see it go (or expire).
            Thread.sleep(Math.max(1000, config.leaseTtl().toMillis() / 10));
            try {
                if (announcedAsDone(fold, bucket)) {
                    return Result.ALREADY_DONE;
                }
            } catch (ObjectStoreException e) {
                LOG.debugf("%s: final checkpoint not looked up: %s", fold.key(), e.getMessage());
            }
            if (cancel.checkNow()) {
                return cancelled(fold, 0);
            }
        }
        try {
            // a redelivered request may have waited for the slot while this trainer finished the fold
            if (announcedAsDone(fold, bucket)) {
                return Result.ALREADY_DONE;
            }
            long takeovers = lease.generation() - 1;
            if (takeovers > config.maxTakeovers()) {
                return fail(request, "the fold was taken over " + takeovers + " times from trainers that stopped "
                        + "renewing its lease (killed, out of memory or a native crash while training it?); not "
                        + "trained again (segfold.trainer.max-takeovers " + config.maxTakeovers() + "): find the "
                        + "cause in the trainers' logs, then retry the fold", false);
            }
            lease.startRenewing();
            return trainLeased(request, configuration, previousStage, bucket, cancel, lease);
        } finally {
            lease.release();
            trainingSlots.release();
        }
    }

    /** One try at the lease; a store that does not answer counts as "not now". */
    private static boolean tryAcquire(LeaseKeeper lease, FoldId fold) throws InterruptedException {
        try {
            return lease.tryAcquire();
        } catch (ObjectStoreException e) {
            if (!e.transientFailure()) {
                throw e;
            }
            LOG.infof("%s: the lease cannot be looked at now (%s), trying again", fold.key(), e.getMessage());
            return false;
        }
    }

    /** @param previousStage where the cascade's previous-stage maps come from; null for other configurations */
    private Result trainLeased(FoldTrainingRequested request, Configuration configuration,
            PreviousStageDownload previousStage, BucketCheckpoints bucket, CancelWatch cancel, LeaseKeeper lease)
            throws IOException, InterruptedException {
        FoldId fold = request.fold();
        String runs = store.buckets().runs();
        ExperimentContext experiment = workspaces.experiment(fold.runId(), request.dataset());
        configuration.stageIndex(experiment.plans().numStages()); // the plans must have the stage to train
        if (fold.fold() >= experiment.split().numFolds()) {
            return fail(request, "FoldTrainingRequested.fold.fold " + fold.fold() + " is outside the run's "
                    + experiment.split().numFolds() + " folds (" + RunWorkspaces.SPLITS_FILE + ")", false);
        }
        FoldSplit split = experiment.split().fold(fold.fold());
        Path folder = workspaces.runLayout(fold.runId()).checkpoints(configuration, fold.fold());
        CheckpointStore local = new CheckpointStore(folder);
        Optional<CheckpointManifest> remote = bucket.newest();

        // the batches come first: a fold with a time budget times a few of them to fit its iterations
        FoldTraining.Settings settings = EngineSettings.training(request.settings(), config.loaderWorkers());
        // validation during training reads the fold's validation cases (and, in a cascade, their maps)
        List<String> validationIds = settings.validates() ? split.val() : List.of();
        PreviousStageMaps previousMaps = null;
        if (previousStage != null) {
            Path mapsFolder = workspaces.runLayout(fold.runId()).fold(configuration, fold.fold())
                    .resolve(PreviousStageDownload.FOLDER);
            List<String> mapped = new java.util.ArrayList<>(split.train());
            mapped.addAll(validationIds);
            LOG.infof("%s: downloading the previous stage's maps of %d training and validation cases into %s",
                    fold.key(), mapped.size(), mapsFolder);
            previousMaps = previousStage.download(mapped, mapsFolder);
        }
        LOG.infof("%s: preprocessing %d training cases of %s", fold.key(), split.train().size(), request.dataset());
        StagePreprocessing preprocessing = experiment.preprocessing(configuration);
        List<PreprocessedCase> cases = preprocessing.trainingCases(split.train());
        List<PreprocessedCase> validationCases = preprocessing.trainingCases(validationIds);
        events.preprocessed(fold, preprocessing); // cache hit or miss, with the key

        // a budget the request left the network to may train a thinner one than planned (NetworkScaling)
        Plans plans = experiment.plans();
        BudgetFit budgetFit = null;
        BudgetRefit refit = null; // set when a warm-up fitted the count: training fits it once more
        long budgetStarted = System.nanoTime();
        if (settings.needsFit()) {
            Optional<TrainedWith> recorded = remote.map(CheckpointManifest::trainedWith)
                    .filter(t -> request.settings().timeBudget().equals(t.settings().timeBudget()));
            if (recorded.isPresent()) {
                // a resumed fold keeps the count it was fitted to: its schedule must not change
                settings = settings.withIterations(recorded.get().settings().iterations());
                if (request.settings().fitNetworkToBudget()) {
                    plans = plans.withNetwork(configuration, recorded.get().baseFeatures(), recorded.get().batchSize());
                }
                budgetFit = recorded.get().budgetFit();
            } else {
                boolean chooseNetwork = request.settings().fitNetworkToBudget();
                if (chooseNetwork) {
                    Optional<RunNetwork> shared = RunNetwork.chosenBefore(store, runs, fold,
                            experiment.split().numFolds(), request.settings().timeBudget());
                    if (shared.isPresent()) {
                        plans = plans.withNetwork(configuration, shared.get().baseFeatures(), shared.get().batchSize());
                        chooseNetwork = false;
                        LOG.infof("%s: base %d, batch %d, as fold %d of the run chose for the time budget",
                                fold.key(), shared.get().baseFeatures(), shared.get().batchSize(), shared.get().fold());
                    }
                }
                FoldTraining.Fitted fitted = FoldTraining.fitted(plans, configuration, cases, previousMaps, folder,
                        settings, chooseNetwork);
                settings = fitted.settings();
                plans = fitted.plans();
                refit = fitted.refit();
                if (fitted.fit() != null) {
                    IterationFit fit = fitted.fit();
                    budgetFit = budgetFit(fit);
                    LOG.infof("%s: %d iterations of base %d, batch %d fit the time budget of %s (warm-up %.1f s, "
                            + "%.0f ms an iteration)", fold.key(), fit.iterations(), plans.baseNumFeatures(),
                            plans.stage(configuration).batchSize(), request.settings().timeBudget(),
                            budgetFit.warmupSeconds(), fit.msPerIteration());
                }
            }
        }
        String digest = FoldTraining.configDigest(plans, configuration, settings);
        discardForeign(local, digest);
        if (remote.isPresent() && !remote.get().configDigest().equals(digest)) {
            return fail(request, runs + "/" + remote.get().layout().manifest() + ": configDigest "
                    + remote.get().configDigest() + " differs from this request's " + digest
                    + " (plans, iterations, seed, precision or recipe changed for a fold that already has checkpoints)",
                    false);
        }
        restoreNewest(remote, bucket, local);

        ProgressHistory history = historyOf(local);
        TrainedWith trainedWith = trainedWith(request.settings(), plans, configuration, settings,
                budgetFit);
        FoldRun run = new FoldRun(fold, bucket, events, history, cancel, lease, trainedWith, metrics,
                newestIteration(local) < 0 ? 0 : newestIteration(local), this::shuttingDown);
        Path outboxFolder = workspaces.runLayout(fold.runId()).fold(configuration, fold.fold()).resolve(OUTBOX);
        try (CheckpointOutbox outbox = new CheckpointOutbox(outboxFolder, config.uploadRetryPause(), run::upload,
                fold.key().replace('/', '-'))) {
            run.outbox(outbox);
            LOG.infof("%s: training %d iterations into %s in %s, lr %s, batch %d, patch %s, %s (lease generation %d)",
                    fold.key(), settings.iterations(), folder, request.settings().precision(),
                    request.settings().recipe().learningRate(), trainedWith.batchSize(), trainedWith.patchSize(),
                    settings.validates()
                            ? "validating every " + settings.validation().epochIterations() + " iterations on "
                            + settings.validation().batches() + " batches of " + validationCases.size() + " cases"
                            : "no validation during training",
                    lease.generation());
            TrainingOutcome outcome = FoldTraining.run(plans, configuration, cases, validationCases,
                    previousMaps, folder, settings, refit, run, run::mustStop);
            if (refit != null && !outcome.cancelled()) {
                double seconds = (System.nanoTime() - budgetStarted) / 1e9;
                LOG.infof("%s: training took %.1f s of the time budget of %s (%+.1f%%), warm-up included",
                        fold.key(), seconds, request.settings().timeBudget(),
                        100 * (seconds / request.settings().timeBudget().toSeconds() - 1));
            }
            if (!lease.lost() && outcome.lastCheckpoint() == null && !outcome.cancelled()
                    && bucket.finalCheckpoint().isEmpty()) {
                publishLocalFinal(local, run); // this machine finished before a crash cut the upload short
            }
            return afterTraining(request, outcome, run, outbox, lease, bucket);
        }
    }

    /** Waits for the checkpoints to reach the bucket and says how the attempt ended. */
    private Result afterTraining(FoldTrainingRequested request, TrainingOutcome outcome, FoldRun run, CheckpointOutbox outbox,
            LeaseKeeper lease, BucketCheckpoints bucket) throws InterruptedException {
        FoldId fold = request.fold();
        String runs = store.buckets().runs();
        java.time.Duration wait = run.stoppedForShutdown() ? config.shutdownGrace() : config.uploadTimeout();
        boolean uploaded = lease.lost() || outbox.awaitEmpty(wait);
        Optional<RuntimeException> failure = outbox.failure();
        if (lease.lost() || failure.filter(LeaseLostException.class::isInstance).isPresent()) {
            LOG.warnf("%s: another trainer took the fold over at iteration %d of this one; stopping without "
                    + "writing more", fold.key(), outcome.completedIterations());
            return Result.LEASE_LOST;
        }
        if (failure.isPresent()) {
            return fail(request, "checkpoint upload failed: " + describe(failure.get()), false);
        }
        if (run.stoppedForShutdown()) {
            LOG.infof("%s: stopped at iteration %d for shutdown, checkpoint %s, releasing the fold", fold.key(),
                    outcome.completedIterations(), uploaded ? "uploaded" : "NOT uploaded (it stays on this machine)");
            return Result.STOPPED;
        }
        if (outcome.cancelled()) {
            return cancelled(fold, outcome.completedIterations());
        }
        if (!uploaded) {
            return fail(request, "checkpoints of iterations " + outbox.waiting() + " could not be uploaded to "
                    + runs + "/" + fold.layout().prefix() + " within " + config.uploadTimeout()
                    + " (segfold.trainer.upload-timeout): the object store stayed away", true);
        }
        run.uploadPendingBest(); // best effort: the final checkpoint is what the pipeline goes on with
        Optional<CheckpointManifest> last = bucket.finalCheckpoint();
        if (last.isEmpty()) {
            return fail(request, "training ended at iteration " + outcome.completedIterations()
                    + " without a final checkpoint in " + runs + "/" + fold.layout().prefix(), true);
        }
        LOG.infof("%s: trained, final loss %.4f", fold.key(), outcome.lastLoss());
        return Result.TRAINED;
    }

    /** A time budget's fit as the manifests record it. */
    static BudgetFit budgetFit(IterationFit fit) {
        return new BudgetFit(fit.msPerIteration(), fit.msPerCheckpoint(), fit.warmupIterations(),
                fit.warmup().toMillis() / 1000.0, fit.warmupMsPerIteration(), fit.msPerValidationBatch(),
                fit.refittedAt());
    }

    /** What the fold trains with: the request's settings as applied, and the plans' network, batch and patch. */
    static TrainedWith trainedWith(FoldSettings requested, Plans plans, Configuration configuration,
            FoldTraining.Settings settings, BudgetFit budgetFit) {
        TrainingConfig applied = FoldTraining.trainingConfig(plans, configuration, settings);
        TrainingRecipe recipe = requested.recipe();
        FoldSettings decided = new FoldSettings(settings.iterations(), requested.saveInterval(),
                requested.logInterval(), requested.keepCheckpoints(), requested.seed(), requested.precision(),
                new TrainingRecipe(recipe.learningRate(), recipe.polyPower(), recipe.momentum(), recipe.weightDecay(),
                        recipe.gradientClipNorm(), applied.batchDice()),
                requested.postprocessing(), requested.evaluateEveryCheckpoint(), requested.timeBudget(),
                requested.epochIterations(), requested.validationBatches(), requested.fitNetworkToBudget());
        UNet3dConfig network = NetworkPlans.network(plans, configuration);
        return new TrainedWith(decided, applied.batchSize(), applied.patchSize(), network.baseFeatures(),
                network.numPools(), budgetFit);
    }

    /** Downloads the bucket's newest complete checkpoint when this machine has nothing as new. */
    private static void restoreNewest(Optional<CheckpointManifest> remote, BucketCheckpoints bucket,
            CheckpointStore local) throws IOException {
        if (remote.isPresent() && remote.get().iteration() > newestIteration(local)) {
            LOG.infof("resuming from %s: downloading it", remote.get().layout().prefix());
            bucket.download(remote.get(), local.directory(remote.get().iteration()));
        }
    }

    /**
     * Deletes local checkpoints that another configuration of the fold wrote (a work folder reused
     * across deployments): resuming from them would fail, and they must never reach the bucket.
     */
    private static void discardForeign(CheckpointStore local, String digest) throws IOException {
        for (Path dir : local.complete().values()) {
            String found = CheckpointStore.readManifest(dir).configDigest();
            if (!found.equals(digest)) {
                LOG.warnf("%s was trained with configDigest %s, not this request's %s: deleting it", dir, found,
                        digest);
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
        }
    }

    /**
     * Queues the local final checkpoint for upload when the bucket lacks it: training had finished
     * here, and a crash cut the upload short, so the resumed engine had nothing left to do.
     */
    private static void publishLocalFinal(CheckpointStore local, FoldRun run) throws IOException {
        Optional<Path> latest = local.latest();
        if (latest.isPresent() && CheckpointStore.readManifest(latest.get()).isFinal()) {
            run.submit(latest.get(), CheckpointStore.verify(latest.get()));
        }
    }

    private static int newestIteration(CheckpointStore local) throws IOException {
        Map<Integer, Path> complete = local.complete();
        return complete.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1);
    }

    /** The curve stored with the checkpoint training will resume from, cut at its iteration. */
    private static ProgressHistory historyOf(CheckpointStore local) throws IOException {
        Optional<Path> latest = local.latest();
        if (latest.isEmpty()) {
            return new ProgressHistory();
        }
        Path csv = latest.get().resolve(ProgressHistory.FILE_NAME);
        if (!Files.isRegularFile(csv)) {
            return new ProgressHistory();
        }
        int iteration = CheckpointStore.readManifest(latest.get()).iteration();
        return ProgressHistory.parse(Files.readString(csv), iteration, csv.toString());
    }

    /**
     * Whether the run's cancel marker exists; a store that does not answer at once counts as "not
     * cancelled" for now (asked on the training thread, which must not wait for storage).
     */
    private boolean cancelMarkerExists(FoldId fold) {
        try {
            return probeStore.exists(store.buckets().runs(), RunLayout.of(fold.runId()).cancelMarker());
        } catch (ObjectStoreException e) {
            LOG.debugf("%s: the cancel marker was not looked up: %s", fold.key(), e.getMessage());
            return false;
        }
    }

    /** Announces the fold's final checkpoint again if it is in the bucket: an earlier attempt finished the fold. */
    private boolean announcedAsDone(FoldId fold, BucketCheckpoints bucket) {
        Optional<CheckpointManifest> done = bucket.finalCheckpoint();
        done.ifPresent(manifest -> {
            LOG.infof("%s: final checkpoint %s exists, announcing it again", fold.key(), manifest.layout().prefix());
            announce(manifest);
        });
        return done.isPresent();
    }

    private void announce(CheckpointManifest manifest) {
        events.checkpointed(new FoldCheckpointed(new FoldId(manifest.runId(), manifest.configuration(),
                manifest.stage(), manifest.fold()), manifest.iteration(), manifest.finalCheckpoint(),
                manifest.layout().manifest(), manifest.contentDigest(), Instant.now()));
    }

    private Result cancelled(FoldId fold, int iteration) {
        LOG.infof("%s: run cancelled, stopped at iteration %d", fold.key(), iteration);
        events.failed(new FoldFailed(fold, FailurePhase.TRAINING, CANCELLED + ": the run was cancelled ("
                + RunLayout.of(fold.runId()).cancelMarker() + " exists); stopped at iteration " + iteration, false,
                Instant.now()));
        return Result.CANCELLED;
    }

    /** Publishes the failure of this attempt at the request; the config-service decides whether to retry. */
    private Result fail(FoldTrainingRequested request, String reason, boolean retryable) {
        FoldId fold = request.fold();
        try {
            events.failed(new FoldFailed(fold, FailurePhase.TRAINING, reason, retryable, Instant.now(),
                    request.attempt()));
        } catch (RuntimeException e) {
            LOG.errorf(e, "%s: could not publish the failure '%s'", fold.key(), reason);
        }
        return Result.FAILED;
    }

    /** This process among all trainers: host name and a random suffix (a restarted process is another one). */
    private static String instanceName() {
        String host = System.getenv().getOrDefault("HOSTNAME", "trainer");
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }
}
