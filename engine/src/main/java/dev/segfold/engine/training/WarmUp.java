package dev.segfold.engine.training;

import ai.djl.ndarray.NDManager;
import dev.segfold.engine.network.UNet3d;
import dev.segfold.engine.network.UNet3dConfig;
import dev.segfold.engine.network.UNet3dParameters;
import dev.segfold.engine.training.validation.PseudoDice;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Times a fold's training on this machine before it starts, to fit its iterations to a time
 * budget: a throwaway copy of the fold's network takes a few steps on the fold's own augmented
 * batches (drawn from another seed, so the training's batch sequence is untouched), and one
 * checkpoint is written to a scratch folder; where the fold validates during training, a few
 * validation passes are timed too. Nothing of it is kept. Its first steps run slower than the
 * fold's steady ones, so training fits the count again from its own iterations
 * ({@link BudgetRefit}).
 */
public final class WarmUp {
    /** Steps not timed: the batch loader fills its queue and the native library warms up. */
    public static final int UNTIMED_STEPS = 2;
    /** Steps timed; their mean is the time of one iteration. */
    public static final int TIMED_STEPS = 5;
    /** Validation batches timed (forward passes), where the fold validates during training. */
    public static final int TIMED_VALIDATION_BATCHES = 2;
    private static final long SEED_SALT = 0x5EEDL;

    private WarmUp() {
    }

    /**
     * What a warm-up measured on this machine.
     *
     * @param msPerIteration       mean time of one timed step
     * @param msPerCheckpoint      time of writing one checkpoint, doubled for its upload
     * @param msPerValidationBatch time of one validation batch, 0 where the fold does not validate
     * @param timedSteps           steps timed
     */
    public record Measurement(double msPerIteration, double msPerCheckpoint, double msPerValidationBatch,
            int timedSteps) {
    }

    /**
     * Measures with {@code untimedSteps} and {@code timedSteps} steps (fewer where several networks
     * are compared).
     */
    public static Measurement measure(UNet3dConfig network, TrainingConfig training, BatchSourceFactory sources,
            int untimedSteps, int timedSteps) throws IOException, InterruptedException {
        double msPerIteration;
        double msPerCheckpoint;
        double msPerValidationBatch = 0;
        Path scratch = Files.createTempDirectory("segfold-warmup");
        try (NDManager manager = NDManager.newBaseManager();
                BatchSource source = sources.open(training.seed() ^ SEED_SALT, 0)) {
            UNet3dParameters params = UNet3dParameters.initialize(UNet3d.of(network), manager, training.seed());
            TrainStep step = new TrainStep(params, training);
            try {
                double lr = training.schedule().at(0);
                for (int i = 0; i < untimedSteps; i++) {
                    step.run(source.next(), lr);
                }
                long timed = System.nanoTime();
                for (int i = 0; i < timedSteps; i++) {
                    step.run(source.next(), lr);
                }
                msPerIteration = (System.nanoTime() - timed) / 1e6 / timedSteps;
                if (training.validation() != null) {
                    PseudoDice dice = new PseudoDice(network.numClasses());
                    long validating = System.nanoTime();
                    for (int i = 0; i < TIMED_VALIDATION_BATCHES; i++) {
                        step.validate(source.next(), dice);
                    }
                    msPerValidationBatch = (System.nanoTime() - validating) / 1e6 / TIMED_VALIDATION_BATCHES;
                }
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
        return new Measurement(msPerIteration, msPerCheckpoint, msPerValidationBatch, timedSteps);
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
