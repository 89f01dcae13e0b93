package dev.segfold.trainer.service;

import dev.segfold.contracts.checkpoint.CheckpointManifest;
import dev.segfold.contracts.checkpoint.CheckpointRole;
import dev.segfold.contracts.checkpoint.ManifestFile;
import dev.segfold.contracts.checkpoint.TrainedWith;
import dev.segfold.contracts.events.FoldCheckpointed;
import dev.segfold.contracts.events.FoldId;
import dev.segfold.contracts.events.FoldProgress;
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
import org.jboss.logging.Logger;

/**
 * One attempt at training one fold, as the engine's listener: every log interval it records the
 * curve, publishes {@code FoldProgress} (with the newest validation's loss and pseudo-Dice), renews
 * the lease and looks for the cancel marker; every checkpoint it uploads the folder (files, then
 * manifest), publishes {@code FoldCheckpointed} and prunes the bucket; every new best checkpoint
 * it uploads to {@code best/}. Runs on the training thread.
 */
final class FoldRun implements TrainingListener {
    private static final Logger LOG = Logger.getLogger(FoldRun.class);

    private final FoldId fold;
    private final BucketCheckpoints bucket;
    private final FoldEvents events;
    private final ProgressHistory history;
    private final CancelWatch cancel;
    private final LeaseKeeper lease;
    private final TrainedWith trainedWith;
    private final TrainerMetrics metrics;
    private final long startNanos = System.nanoTime();
    private int lastReported;
    /** The newest validation, repeated in every progress event until the next one. */
    private EpochValidation lastValidation;

    FoldRun(FoldId fold, BucketCheckpoints bucket, FoldEvents events, ProgressHistory history, CancelWatch cancel,
            LeaseKeeper lease, TrainedWith trainedWith, TrainerMetrics metrics, int startIteration) {
        this.fold = fold;
        this.bucket = bucket;
        this.events = events;
        this.history = history;
        this.cancel = cancel;
        this.lease = lease;
        this.trainedWith = trainedWith;
        this.metrics = metrics;
        this.lastReported = startIteration;
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
        EpochValidation last = lastValidation;
        events.progress(new FoldProgress(fold, p.iteration(), p.totalIterations(), p.meanLoss(),
                last == null ? null : last.loss(), last == null ? null : finite(last.meanDice()),
                p.learningRate(), elapsed, p.eta().toMillis() / 1000.0, Instant.now(), p.msPerIteration() / 1000.0,
                p.patchesPerSecond(), last == null ? null : finite(last.ema()),
                last == null ? null : last.perClassDice(), last == null ? null : last.iteration()));
        lease.renewIfDue();
        if (cancel.refresh()) {
            LOG.infof("%s: the run was cancelled, stopping before iteration %d", fold.key(), p.iteration() + 1);
        }
    }

    @Override
    public void onCheckpoint(Path directory, dev.segfold.engine.training.checkpoint.CheckpointManifest manifest) {
        try {
            publish(directory, manifest);
        } catch (IOException e) {
            throw new UncheckedIOException(directory + ": checkpoint upload failed: " + e.getMessage(), e);
        }
    }

    /**
     * Uploads the best checkpoint into the fold's {@code best/} folder (replacing the one there,
     * manifest first) with the curve up to it. No {@code FoldCheckpointed}: nothing downstream
     * works on the best checkpoint (the evaluator evaluates the final one).
     */
    @Override
    public void onBestCheckpoint(Path directory, dev.segfold.engine.training.checkpoint.CheckpointManifest manifest) {
        try {
            Path csv = directory.resolve(ProgressHistory.FILE_NAME);
            Files.writeString(csv, history.toCsv());
            ManifestFile progress = new ManifestFile(ProgressHistory.FILE_NAME, Files.size(csv),
                    CheckpointStore.sha256(csv));
            CheckpointManifest stored = bucket.uploadBest(directory, ManifestMapping.toContract(fold, manifest,
                    List.of(progress), trainedWith).asBest());
            metrics.checkpoint(CheckpointRole.BEST);
            LOG.infof("%s: best checkpoint (iteration %d) uploaded to %s", fold.key(), stored.iteration(),
                    stored.layout().prefix());
        } catch (IOException e) {
            throw new UncheckedIOException(directory + ": best checkpoint upload failed: " + e.getMessage(), e);
        }
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    /**
     * Uploads a complete local checkpoint folder with the curve so far, announces it and prunes
     * older checkpoints in the bucket.
     */
    CheckpointManifest publish(Path directory, dev.segfold.engine.training.checkpoint.CheckpointManifest manifest)
            throws IOException {
        Path csv = directory.resolve(ProgressHistory.FILE_NAME);
        Files.writeString(csv, history.toCsv());
        ManifestFile progress = new ManifestFile(ProgressHistory.FILE_NAME, Files.size(csv),
                CheckpointStore.sha256(csv));
        CheckpointManifest stored = bucket.upload(directory, ManifestMapping.toContract(fold, manifest,
                List.of(progress), trainedWith));
        events.checkpointed(new FoldCheckpointed(fold, stored.iteration(), stored.finalCheckpoint(),
                stored.layout().manifest(), stored.contentDigest(), Instant.now()));
        metrics.checkpoint(stored.role());
        LOG.infof("%s: checkpoint %s uploaded%s", fold.key(), stored.layout().prefix(),
                stored.finalCheckpoint() ? " (final)" : "");
        List<Integer> pruned = bucket.prune(trainedWith.settings().keepCheckpoints());
        if (!pruned.isEmpty()) {
            LOG.infof("%s: deleted older checkpoints %s from the bucket", fold.key(), pruned);
        }
        return stored;
    }
}
