package dev.segfold.trainer.service;

import dev.segfold.contracts.checkpoint.CheckpointManifest;
import dev.segfold.contracts.checkpoint.CheckpointRole;
import dev.segfold.contracts.checkpoint.ManifestFile;
import dev.segfold.contracts.checkpoint.TrainedWith;
import dev.segfold.contracts.events.FoldCheckpointed;
import dev.segfold.contracts.events.FoldId;
import dev.segfold.contracts.events.FoldProgress;
import dev.segfold.engine.training.IterationFit;
import dev.segfold.engine.training.TrainingListener;
import dev.segfold.engine.training.TrainingProgress;
import dev.segfold.engine.training.validation.EpochValidation;
import dev.segfold.engine.training.checkpoint.CheckpointStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * One attempt at training one fold, as the engine's listener: every log interval it records the
 * curve, publishes {@code FoldProgress} (with the newest validation's loss and pseudo-Dice) and
 * looks for the cancel marker; every checkpoint it hands
 * to the {@link CheckpointOutbox}, whose thread uploads it (files, the fencing check of the lease,
 * then the manifest), publishes {@code FoldCheckpointed} and prunes the bucket, so training goes on
 * while storage is away; every new best checkpoint it uploads to {@code best/}. The lease is renewed
 * by its own timer ({@link LeaseKeeper}).
 */
final class FoldRun implements TrainingListener {
    private static final Logger LOG = Logger.getLogger(FoldRun.class);
    private static final long BEST_RETRY_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(30);

    private final FoldId fold;
    private final BucketCheckpoints bucket;
    private final FoldEvents events;
    private final ProgressHistory history;
    private final CancelWatch cancel;
    private final LeaseKeeper lease;
    /** Replaced when a time budget's count is fitted again (every tenth of the way until nineteen twentieths). */
    private volatile TrainedWith trainedWith;
    private final TrainerMetrics metrics;
    private final BooleanSupplier shutdown;
    private CheckpointOutbox outbox;
    private final long startNanos = System.nanoTime();
    private volatile boolean stopRequested;
    private int lastReported;
    /** The newest validation, repeated in every progress event until the next one. */
    private EpochValidation lastValidation;
    /** A best checkpoint the store did not take yet; the engine's folder holds it until a newer best. */
    private PendingBest pendingBest;
    private long lastBestAttemptNanos;

    private record PendingBest(Path directory, dev.segfold.engine.training.checkpoint.CheckpointManifest manifest) {
    }

    /**
     * @param shutdown whether this process is shutting down: training then checkpoints the iteration
     *                 it reached and stops
     */
    FoldRun(FoldId fold, BucketCheckpoints bucket, FoldEvents events, ProgressHistory history, CancelWatch cancel,
            LeaseKeeper lease, TrainedWith trainedWith, TrainerMetrics metrics, int startIteration,
            BooleanSupplier shutdown) {
        this.fold = fold;
        this.bucket = bucket;
        this.events = events;
        this.history = history;
        this.cancel = cancel;
        this.lease = lease;
        this.trainedWith = trainedWith;
        this.metrics = metrics;
        this.lastReported = startIteration;
        this.shutdown = shutdown;
    }

    @Override
    public void onIterationsRefitted(IterationFit fit) {
        trainedWith = trainedWith.refitted(fit.iterations(), FoldTrainingService.budgetFit(fit));
        LOG.infof("%s: %s", fold.key(), fit.refitSummary());
    }

        /** Where checkpoints wait for the store; set before training starts. */
    void outbox(CheckpointOutbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void onProgress(TrainingProgress p) {
        history.append(p);
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        metrics.iterations(fold.configuration(), Math.max(0, p.iteration() - lastReported));
        metrics.speed(p.msPerIteration());
        lastReported = p.iteration();
        LOG.infof("%s: iteration %d/%d, loss %.4f, lr %.5f, %.0f ms/iteration, %.2f patches/s, ETA %ds",
                fold.key(), p.iteration(), p.totalIterations(), p.meanLoss(), p.learningRate(), p.msPerIteration(),
                p.patchesPerSecond(), p.eta().toSeconds());
        EpochValidation v = p.validation();
        if (v != null) {
            lastValidation = v;
            metrics.validation(v.seconds());
            LOG.infof("%s: epoch %d validated: loss %.4f, pseudo Dice %s (mean %.4f), moving average %.4f%s (%.1f s)",
                    fold.key(), v.epoch(), v.loss(), v.perClassDice(), v.meanDice(), v.ema(),
                    v.newBest() ? ", new best" : "", v.seconds());
        }
        retryPendingBest();
        EpochValidation last = lastValidation;
        events.progress(new FoldProgress(fold, p.iteration(), p.totalIterations(), p.meanLoss(),
                last == null ? null : last.loss(), last == null ? null : finite(last.meanDice()),
                p.learningRate(), elapsed, p.eta().toMillis() / 1000.0, Instant.now(), p.msPerIteration() / 1000.0,
                p.patchesPerSecond(), last == null ? null : finite(last.ema()),
                last == null ? null : last.perClassDice(), last == null ? null : last.iteration()));
        if (cancel.refresh()) {
            LOG.infof("%s: the run was cancelled, stopping before iteration %d", fold.key(), p.iteration() + 1);
        }
    }

    /**
     * Uploads the best checkpoint into the fold's {@code best/} folder (replacing the one there)
     * with the curve up to it, after the lease check. No {@code FoldCheckpointed}: nothing downstream
     * works on the best checkpoint (the evaluator evaluates the final one). While storage is away
     * training goes on and the upload is tried again once the outbox has caught up, and at the end
     * ({@link #uploadPendingBest()}); a newer best replaces a pending one.
     */
    @Override
    public void onBestCheckpoint(Path directory, dev.segfold.engine.training.checkpoint.CheckpointManifest manifest) {
        pendingBest = new PendingBest(directory, manifest);
        tryUploadBest();
    }

    /**
     * Uploads a best checkpoint still pending (on the training thread, after training), and says
     * whether none is left.
     */
    boolean uploadPendingBest() {
        return pendingBest == null || tryUploadBest();
    }

    /** Tries a pending best again once the checkpoints before it are in the store, at most every 30 s. */
    private void retryPendingBest() {
        if (pendingBest != null && outbox != null && outbox.waiting().isEmpty() && outbox.failure().isEmpty()
                && System.nanoTime() - lastBestAttemptNanos > BEST_RETRY_NANOS) {
            tryUploadBest();
        }
    }

    private boolean tryUploadBest() {
        PendingBest best = pendingBest;
        lastBestAttemptNanos = System.nanoTime();
        try {
            Path csv = best.directory().resolve(ProgressHistory.FILE_NAME);
            Files.writeString(csv, history.toCsvUpTo(best.manifest().iteration()));
            ManifestFile progress = new ManifestFile(ProgressHistory.FILE_NAME, Files.size(csv),
                    CheckpointStore.sha256(csv));
            lease.checkHeld();
            CheckpointManifest stored = bucket.uploadBest(best.directory(), ManifestMapping.toContract(fold,
                    best.manifest(), List.of(progress), trainedWith).asBest());
            pendingBest = null;
            metrics.checkpoint(CheckpointRole.BEST);
            LOG.infof("%s: best checkpoint (iteration %d) uploaded to %s", fold.key(), stored.iteration(),
                    stored.layout().prefix());
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.warnf("%s: best checkpoint of iteration %d not uploaded yet (tried again once the store answers): %s",
                    fold.key(), best.manifest().iteration(), e.getMessage());
            return false;
        }
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    /** Stop training: the run was cancelled, the lease was lost, or the checkpoints cannot be uploaded. */
    boolean mustStop() {
        return cancel.getAsBoolean() || lease.lost() || (outbox != null && outbox.failure().isPresent());
    }

    @Override
    public boolean checkpointAndStopRequested() {
        if (shutdown.getAsBoolean() && !stopRequested) {
            stopRequested = true;
            LOG.infof("%s: shutting down, checkpointing the iteration reached and releasing the fold", fold.key());
        }
        return stopRequested;
    }

    /** Whether training stopped because this process shuts down. */
    boolean stoppedForShutdown() {
        return stopRequested;
    }

    @Override
    public void onCheckpoint(Path directory, dev.segfold.engine.training.checkpoint.CheckpointManifest manifest) {
        try {
            submit(directory, manifest);
        } catch (IOException e) {
            throw new UncheckedIOException(directory + ": checkpoint could not be staged for upload: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Stages a complete local checkpoint folder with the curve so far in the outbox and queues its
     * upload; returns at once.
     */
    void submit(Path directory, dev.segfold.engine.training.checkpoint.CheckpointManifest manifest)
            throws IOException {
        Path staged = outbox.stage(directory, manifest.iteration());
        Path csv = staged.resolve(ProgressHistory.FILE_NAME);
        Files.deleteIfExists(csv); // a link to the local copy must not be written through
        Files.writeString(csv, history.toCsv());
        ManifestFile progress = new ManifestFile(ProgressHistory.FILE_NAME, Files.size(csv),
                CheckpointStore.sha256(csv));
        CheckpointManifest contract = ManifestMapping.toContract(fold, manifest, List.of(progress), trainedWith);
        outbox.submit(new CheckpointOutbox.Pending(manifest.iteration(), manifest.isFinal(), staged, contract));
    }

    /**
     * Uploads one staged checkpoint (on the outbox's thread): files, the lease check, the manifest;
     * then announces it and prunes older checkpoints. Storage errors are thrown for the outbox to
     * retry; the event and the pruning are best effort (the next checkpoint prunes again).
     */
    void upload(CheckpointOutbox.Pending pending) {
        CheckpointManifest stored = bucket.upload(pending.folder(), (CheckpointManifest) pending.payload(),
                lease::checkHeld);
        metrics.checkpoint(stored.role());
        LOG.infof("%s: checkpoint %s uploaded%s", fold.key(), stored.layout().prefix(),
                stored.finalCheckpoint() ? " (final)" : "");
        try {
            events.checkpointed(new FoldCheckpointed(fold, stored.iteration(), stored.finalCheckpoint(),
                    stored.layout().manifest(), stored.contentDigest(), Instant.now()));
        } catch (RuntimeException e) {
            LOG.warnf("%s: FoldCheckpointed of iteration %d was not published (the checkpoint is in the bucket): %s",
                    fold.key(), stored.iteration(), e.getMessage());
        }
        try {
            List<Integer> pruned = bucket.prune(trainedWith.settings().keepCheckpoints());
            if (!pruned.isEmpty()) {
                LOG.infof("%s: deleted older checkpoints %s from the bucket", fold.key(), pruned);
            }
        } catch (RuntimeException e) {
            LOG.warnf("%s: older checkpoints were not pruned this time: %s", fold.key(), e.getMessage());
        }
    }
}
