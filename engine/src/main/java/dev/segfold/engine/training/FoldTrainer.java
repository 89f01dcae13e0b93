package dev.segfold.engine.training;

import ai.djl.ndarray.NDManager;
import dev.segfold.engine.network.TorchRuntime;
import dev.segfold.engine.network.UNet3d;
import dev.segfold.engine.network.UNet3dConfig;
import dev.segfold.engine.network.UNet3dParameters;
import dev.segfold.engine.network.UNetPredictor;
import dev.segfold.engine.training.checkpoint.CheckpointManifest;
import dev.segfold.engine.training.checkpoint.CheckpointStore;
import dev.segfold.engine.training.validation.EpochValidation;
import dev.segfold.engine.training.validation.PseudoDice;
import dev.segfold.engine.training.validation.ValidationSchedule;
import dev.segfold.engine.training.validation.ValidationTracker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Trains one fold on the calling thread: fresh or resumed from a checkpoint, reporting progress
 * and writing checkpoints as it goes. A resumed run continues exactly: the learning rate is a
 * function of the iteration, the momentum buffers are restored, and the batch source is opened
 * at the resumed iteration.
 */
public final class FoldTrainer {
    /** File names inside a checkpoint directory. */
    public static final String MODEL_FILE = UNetPredictor.MODEL_FILE;
    public static final String OPTIMIZER_FILE = "optimizer.params";
    public static final String NETWORK_FILE = UNetPredictor.NETWORK_FILE;
    public static final String TRAINING_FILE = "training.json";

    private final UNet3dConfig network;
    /** Replaced once when a time budget's count is fitted again ({@link BudgetRefit}). */
    private TrainingConfig training;
    private final TrainerOptions options;

    public FoldTrainer(UNet3dConfig network, TrainingConfig training, TrainerOptions options) {
        this.network = network;
        this.training = training;
        this.options = options;
    }

    /**
     * SHA-256 identifying what a run computes: network and training configuration. A time-budgeted
     * fold's count is fitted as it trains ({@link BudgetRefit}), so its checkpoints differ in the
     * count they record: the digest leaves it out (the budget is in).
     */
    public static String configDigest(UNet3dConfig network, TrainingConfig training) {
        TrainingConfig identity = training.timeBudgetSeconds() == null ? training : training.withIterations(1);
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(network.toJson().getBytes(StandardCharsets.UTF_8));
            md.update((byte) '\n');
            md.update(identity.toJson().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public String configDigest() {
        return configDigest(network, training);
    }

    /**
     * Runs until {@code training.iterations()}, until {@code cancel} is true, or until the listener
     * asks to checkpoint and stop (both checked before each iteration), without validation batches
     * (the configuration must not ask for validation).
     *
     * @param resumeFrom a checkpoint directory to continue from, or null to start fresh
     */
    public TrainingOutcome train(BatchSourceFactory sources, Path checkpointRoot, Path resumeFrom,
            TrainingListener listener, BooleanSupplier cancel) throws IOException, InterruptedException {
        return train(sources, null, checkpointRoot, resumeFrom, listener, cancel);
    }

    /**
     * Runs until {@code training.iterations()} or until {@code cancel} is true (checked before each
     * iteration). With {@code training.validation()}, every epoch ends with a validation on
     * {@code validationSources}' batches, reported with that iteration's progress, and the best
     * checkpoint by the moving average of the pseudo-Dice is written to {@code <root>/best/}.
     *
     * @param validationSources batches of the validation cases, opened at (validation seed, epoch x
     *     batches); required when the configuration validates
     * @param resumeFrom a checkpoint directory to continue from, or null to start fresh
     */
    public TrainingOutcome train(BatchSourceFactory sources, BatchSourceFactory validationSources,
            Path checkpointRoot, Path resumeFrom, TrainingListener listener, BooleanSupplier cancel)
            throws IOException, InterruptedException {
        return train(sources, validationSources, checkpointRoot, resumeFrom, listener, cancel, null);
    }

    /**
     * As above; a fresh fold with a time budget fits its count again from the speed of its own
     * iterations as it trains ({@code refit}; null for a fixed count).
     */
    public TrainingOutcome train(BatchSourceFactory sources, BatchSourceFactory validationSources,
            Path checkpointRoot, Path resumeFrom, TrainingListener listener, BooleanSupplier cancel,
            BudgetRefit refit) throws IOException, InterruptedException {
        ValidationSchedule validation = training.validation();
        if (validation != null && validationSources == null) {
            throw new IllegalArgumentException("the training configuration validates every "
                    + validation.epochIterations() + " iterations on " + validation.batches()
                    + " batches, and no validation batches were given");
        }
        CheckpointStore store = new CheckpointStore(checkpointRoot);
        UNet3d net = UNet3d.of(network);
        PolyLearningRate schedule = training.schedule();
        try (NDManager manager = TorchRuntime.newManager()) {
            int start = 0;
            UNet3dParameters params;
            ValidationTracker tracker = ValidationTracker.start();
            if (resumeFrom != null) {
                CheckpointManifest m = CheckpointStore.verify(resumeFrom);
                if (!m.configDigest().equals(configDigest())) {
                    throw new IllegalArgumentException(resumeFrom.resolve(CheckpointManifest.FILE_NAME)
                            + ": configDigest " + m.configDigest() + " does not match this run's " + configDigest());
                }
                params = UNet3dParameters.load(net, manager, resumeFrom.resolve(MODEL_FILE));
                start = m.iteration();
                Path state = resumeFrom.resolve(ValidationTracker.FILE_NAME);
                if (validation != null && Files.isRegularFile(state)) {
                    tracker = ValidationTracker.fromJson(Files.readString(state), state.toString());
                }
            } else {
                params = UNet3dParameters.initialize(net, manager, training.seed());
            }
            TrainStep step = new TrainStep(params, training);
            if (resumeFrom != null) {
                step.optimizer().load(resumeFrom.resolve(OPTIMIZER_FILE));
            }
            int it = start;
            double lastLoss = Double.NaN;
            Path lastCheckpoint = null;
            boolean cancelled = false;
            double lossSum = 0;
            int lossCount = 0;
            long intervalStart = System.nanoTime();
            BatchSource validationBatches = null;
            boolean refits = refit != null && refit.applies(start);
            int timedFrom = refits ? refit.firstWindowStart() : 0; // the fold's first steps run slow
            RefitWindows windows = new RefitWindows();
            try (BatchSource source = sources.open(training.seed(), start)) {
                while (it < training.iterations()) {
                    if (cancel.getAsBoolean()) {
                        cancelled = true;
                        break;
                    }
                    if (listener.checkpointAndStopRequested()) {
                        if (it > start && (lastCheckpoint == null || !lastCheckpoint.equals(store.directory(it)))) {
                            lastCheckpoint = save(store, step, it, false, tracker, listener);
                        }
                        cancelled = true;
                        break;
                    }
                    long stepStart = System.nanoTime();
                    TrainingBatch batch = source.next();
                    double lr = schedule.at(it);
                    TrainStep.StepResult r = step.run(batch, lr);
                    it++;
                    if (refits && it > timedFrom) {
                        windows.add(System.nanoTime() - stepStart);
                        if (refit.refitsAfter(it, training.iterations())) {
                            IterationFit fitted = refit.refit(it, windows.closeWindow());
                            training = training.withIterations(fitted.iterations());
                            schedule = training.schedule();
                            listener.onIterationsRefitted(fitted);
                        }
                    }
                    lastLoss = r.loss();
                    lossSum += r.loss();
                    lossCount++;
                    boolean validates = validation != null && validation.validatesAfter(it, training.iterations());
                    boolean reports = it % options.logInterval() == 0 || it == training.iterations() || validates;
                    double ms = (System.nanoTime() - intervalStart) / 1e6 / lossCount;
                    EpochValidation epoch = null;
                    if (validates) {
                        if (validationBatches == null) {
                            validationBatches = validationSources.open(validationSeed(training.seed()),
                                    tracker.epochs() * validation.batches());
                        }
                        epoch = validate(step, validationBatches, validation.batches(), it, tracker);
                        tracker = tracker.next(epoch.meanDice(), it);
                    }
                    if (reports) {
                        listener.onProgress(new TrainingProgress(it, training.iterations(), r.loss(),
                                lossSum / lossCount, lr, ms, batch.batchSize() * 1000.0 / ms,
                                Duration.ofMillis(Math.round(ms * (training.iterations() - it))), epoch));
                        lossSum = 0;
                        lossCount = 0;
                        intervalStart = System.nanoTime();
                    }
                    if (epoch != null && epoch.newBest()) {
                        saveBest(store, step, it, tracker, listener);
                    }
                    if (it % options.checkpointInterval() == 0 || it == training.iterations()) {
                        lastCheckpoint = save(store, step, it, it == training.iterations(), tracker, listener);
                    }
                }
            } finally {
                if (validationBatches != null) {
                    validationBatches.close();
                }
                step.optimizer().close();
                params.close();
            }
            return new TrainingOutcome(start, it, cancelled, lastCheckpoint, lastLoss);
        }
    }

    /**
     * Seed of the validation batches: derived from the training seed but not equal to it, so that
     * validation patch k is not training batch k's sample without augmentation.
     */
    static long validationSeed(long seed) {
        return seed ^ 0x76616C6964L; // "valid"
    }

    /** One epoch's validation: {@code batches} batches, their mean loss and the summed pseudo-Dice. */
    private EpochValidation validate(TrainStep step, BatchSource source, int batches, int iteration,
            ValidationTracker before) throws InterruptedException {
        long t0 = System.nanoTime();
        PseudoDice dice = new PseudoDice(network.numClasses());
        double lossSum = 0;
        for (int b = 0; b < batches; b++) {
            lossSum += step.validate(source.next(), dice);
        }
        double[] perClass = dice.perClass();
        double mean = PseudoDice.nanMean(perClass);
        ValidationTracker after = before.next(mean, iteration);
        return new EpochValidation(after.epochs(), iteration, lossSum / batches, PseudoDice.withNulls(perClass), mean,
                after.ema(), after.bestEma(), after.improvedOn(before), (System.nanoTime() - t0) / 1e9);
    }

    /** nnU-Net v2's checkpoint_best: the weights (no optimizer state: it is never resumed), network, recipe. */
    private void saveBest(CheckpointStore store, TrainStep step, int iteration, ValidationTracker tracker,
            TrainingListener listener) throws IOException {
        Map<String, CheckpointStore.FileWriter> files = new LinkedHashMap<>();
        files.put(MODEL_FILE, f -> step.parameters().save(f));
        files.put(NETWORK_FILE, f -> Files.writeString(f, network.toJson()));
        files.put(TRAINING_FILE, f -> Files.writeString(f, training.toJson()));
        files.put(ValidationTracker.FILE_NAME, f -> Files.writeString(f, tracker.toJson()));
        CheckpointManifest manifest = store.writeBest(iteration, configDigest(), training.seed(), files);
        listener.onBestCheckpoint(store.bestDirectory(), manifest);
    }

    private Path save(CheckpointStore store, TrainStep step, int iteration, boolean isFinal,
            ValidationTracker tracker, TrainingListener listener) throws IOException {
        Map<String, CheckpointStore.FileWriter> files = new LinkedHashMap<>();
        files.put(MODEL_FILE, f -> step.parameters().save(f));
        files.put(OPTIMIZER_FILE, f -> step.optimizer().save(f));
        files.put(NETWORK_FILE, f -> Files.writeString(f, network.toJson()));
        files.put(TRAINING_FILE, f -> Files.writeString(f, training.toJson()));
        if (training.validation() != null) {
            files.put(ValidationTracker.FILE_NAME, f -> Files.writeString(f, tracker.toJson()));
        }
        CheckpointManifest manifest = store.write(iteration, isFinal, configDigest(), training.seed(), files);
        Path dir = store.directory(iteration);
        listener.onCheckpoint(dir, manifest);
        store.prune(options.keepCheckpoints());
        return dir;
    }
}
