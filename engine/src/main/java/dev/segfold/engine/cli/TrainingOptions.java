package dev.segfold.engine.cli;

import dev.segfold.engine.network.Precision;
import dev.segfold.engine.training.TrainerOptions;
import dev.segfold.engine.workflow.FoldTraining;
import picocli.CommandLine.Option;

/** How long a fold trains and how it reports, with PaddleSeg's flag names where they exist. */
final class TrainingOptions {
    @Option(names = "--iterations", defaultValue = "1000", description = "training iterations (default: ${DEFAULT-VALUE})")
    int iterations;

    @Option(names = "--save-interval", defaultValue = "500", description = "iterations between checkpoints (default: ${DEFAULT-VALUE})")
    int saveInterval;

    @Option(names = "--log-iters", defaultValue = "20", description = "iterations between progress lines (default: ${DEFAULT-VALUE})")
    int logIters;

    @Option(names = "--keep-checkpoints", defaultValue = "2", description = "newest non-final checkpoints kept (default: ${DEFAULT-VALUE})")
    int keep;

    @Option(names = "--seed", defaultValue = "12345", description = "weights and batch seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--loader-workers", defaultValue = "2", description = "threads preparing batches (default: ${DEFAULT-VALUE})")
    int workers;

    @Option(names = "--precision", defaultValue = "fp32", description = "fp32 or bf16 (default: ${DEFAULT-VALUE})")
    String precision;

    FoldTraining.Settings settings() {
        Precision p = switch (precision) {
            case "fp32" -> Precision.FP32;
            case "bf16" -> Precision.BF16;
            default -> throw new IllegalArgumentException("--precision must be fp32 or bf16, got '" + precision + "'");
        };
        return new FoldTraining.Settings(iterations, new TrainerOptions(logIters, saveInterval, keep), seed, workers, p);
    }
}
