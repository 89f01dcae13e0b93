package dev.segfold.engine.training;

import ai.djl.ndarray.NDManager;
import dev.segfold.engine.network.UNet3d;
import dev.segfold.engine.network.UNet3dConfig;
import dev.segfold.engine.network.UNet3dParameters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Times a fold's training on this machine before it starts, to fit its iterations to a time
 * budget: a throwaway copy of the fold's network takes a few steps on the fold's own augmented
 * batches (drawn from another seed, so the training's batch sequence is untouched), and one
 * checkpoint is written to a scratch folder. Nothing of it is kept.
 */
public final class WarmUp {
    /** Steps not timed: the batch loader fills its queue and the native library warms up. */
    public static final int UNTIMED_STEPS = 2;
    /** Steps timed; their mean is the time of one iteration. */
    public static final int TIMED_STEPS = 5;
    private static final long SEED_SALT = 0x5EEDL;

    private WarmUp() {
    }

    /**
     * Measures and fits.
     *
     * @param training   the fold's configuration (its iteration count is not used)
     * @param saveInterval iterations between the fold's checkpoints
     */
    public static IterationFit fit(UNet3dConfig network, TrainingConfig training, BatchSourceFactory sources,
            Duration budget, int saveInterval) throws IOException, InterruptedException {
        long start = System.nanoTime();
        double msPerIteration;
        double msPerCheckpoint;
        Path scratch = Files.createTempDirectory("segfold-warmup");
        try (NDManager manager = NDManager.newBaseManager();
                BatchSource source = sources.open(training.seed() ^ SEED_SALT, 0)) {
            UNet3dParameters params = UNet3dParameters.initialize(UNet3d.of(network), manager, training.seed());
            TrainStep step = new TrainStep(params, training);
            try {
                double lr = training.schedule().at(0);
                for (int i = 0; i < UNTIMED_STEPS; i++) {
                    step.run(source.next(), lr);
                }
                long timed = System.nanoTime();
                for (int i = 0; i < TIMED_STEPS; i++) {
                    step.run(source.next(), lr);
                }
                msPerIteration = (System.nanoTime() - timed) / 1e6 / TIMED_STEPS;
                long saving = System.nanoTime();
                params.save(scratch.resolve(FoldTrainer.MODEL_FILE));
                step.optimizer().save(scratch.resolve(FoldTrainer.OPTIMIZER_FILE));
                // a service uploads what it wrote: count the write twice
                msPerCheckpoint = 2 * (System.nanoTime() - saving) / 1e6;
            } finally {
                step.optimizer().close();
                params.close();
            }
        } finally {
            deleteTree(scratch);
        }
        Duration warmup = Duration.ofNanos(System.nanoTime() - start);
        return IterationFit.of(budget, warmup, msPerIteration, msPerCheckpoint, TIMED_STEPS, saveInterval);
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
