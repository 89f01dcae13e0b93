package dev.segfold.engine.training;

import ai.djl.ndarray.NDManager;
import dev.segfold.engine.network.TorchRuntime;
import dev.segfold.engine.network.UNet3d;
import dev.segfold.engine.network.UNet3dConfig;
import dev.segfold.engine.network.UNet3dParameters;
import dev.segfold.engine.network.UNetPredictor;
import dev.segfold.engine.training.checkpoint.CheckpointManifest;
import dev.segfold.engine.training.checkpoint.CheckpointStore;
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
    private final TrainingConfig training;
    private final TrainerOptions options;

    public FoldTrainer(UNet3dConfig network, TrainingConfig training, TrainerOptions options) {
        this.network = network;
        this.training = training;
        this.options = options;
    }

    /** SHA-256 identifying what a run computes: network and training configuration. */
    public static String configDigest(UNet3dConfig network, TrainingConfig training) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(network.toJson().getBytes(StandardCharsets.UTF_8));
            md.update((byte) '\n');
            md.update(training.toJson().getBytes(StandardCharsets.UTF_8));
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
     * asks to checkpoint and stop (both checked before each iteration).
     *
     * @param resumeFrom a checkpoint directory to continue from, or null to start fresh
     */
    public TrainingOutcome train(BatchSourceFactory sources, Path checkpointRoot, Path resumeFrom,
            TrainingListener listener, BooleanSupplier cancel) throws IOException, InterruptedException {
        CheckpointStore store = new CheckpointStore(checkpointRoot);
        UNet3d net = UNet3d.of(network);
        PolyLearningRate schedule = training.schedule();
        try (NDManager manager = TorchRuntime.newManager()) {
            int start = 0;
            UNet3dParameters params;
            if (resumeFrom != null) {
                CheckpointManifest m = CheckpointStore.verify(resumeFrom);
                if (!m.configDigest().equals(configDigest())) {
                    throw new IllegalArgumentException(resumeFrom.resolve(CheckpointManifest.FILE_NAME)
                            + ": configDigest " + m.configDigest() + " does not match this run's " + configDigest());
                }
                params = UNet3dParameters.load(net, manager, resumeFrom.resolve(MODEL_FILE));
                start = m.iteration();
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
            try (BatchSource source = sources.open(training.seed(), start)) {
                while (it < training.iterations()) {
                    if (cancel.getAsBoolean()) {
                        cancelled = true;
                        break;
                    }
                    if (listener.checkpointAndStopRequested()) {
                        if (it > start && (lastCheckpoint == null || !lastCheckpoint.equals(store.directory(it)))) {
                            lastCheckpoint = save(store, step, it, false, listener);
                        }
                        cancelled = true;
                        break;
                    }
                    TrainingBatch batch = source.next();
                    double lr = schedule.at(it);
                    TrainStep.StepResult r = step.run(batch, lr);
                    it++;
                    lastLoss = r.loss();
                    lossSum += r.loss();
                    lossCount++;
                    if (it % options.logInterval() == 0 || it == training.iterations()) {
                        double ms = (System.nanoTime() - intervalStart) / 1e6 / lossCount;
                        listener.onProgress(new TrainingProgress(it, training.iterations(), r.loss(),
                                lossSum / lossCount, lr, ms, batch.batchSize() * 1000.0 / ms,
                                Duration.ofMillis(Math.round(ms * (training.iterations() - it)))));
                        lossSum = 0;
                        lossCount = 0;
                        intervalStart = System.nanoTime();
                    }
                    if (it % options.checkpointInterval() == 0 || it == training.iterations()) {
                        lastCheckpoint = save(store, step, it, it == training.iterations(), listener);
                    }
                }
            } finally {
                step.optimizer().close();
                params.close();
            }
            return new TrainingOutcome(start, it, cancelled, lastCheckpoint, lastLoss);
        }
    }

    private Path save(CheckpointStore store, TrainStep step, int iteration, boolean isFinal,
            TrainingListener listener) throws IOException {
        Map<String, CheckpointStore.FileWriter> files = new LinkedHashMap<>();
        files.put(MODEL_FILE, f -> step.parameters().save(f));
        files.put(OPTIMIZER_FILE, f -> step.optimizer().save(f));
        files.put(NETWORK_FILE, f -> Files.writeString(f, network.toJson()));
        files.put(TRAINING_FILE, f -> Files.writeString(f, training.toJson()));
        CheckpointManifest manifest = store.write(iteration, isFinal, configDigest(), training.seed(), files);
        Path dir = store.directory(iteration);
        listener.onCheckpoint(dir, manifest);
        store.prune(options.keepCheckpoints());
        return dir;
    }
}
