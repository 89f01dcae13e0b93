package dev.segfold.engine.cli;

import dev.segfold.engine.network.Precision;
import dev.segfold.engine.training.Recipe;
import dev.segfold.engine.training.TrainerOptions;
import dev.segfold.engine.training.validation.ValidationSchedule;
import dev.segfold.engine.workflow.FoldTraining;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How long a fold trains and how it reports, with PaddleSeg's flag names where they exist. */
final class TrainingOptions {
    @Option(names = "--iterations", description = "training iterations (default: 1000 without --time-budget)")
    Integer iterations;

    @Option(names = "--time-budget", description = "training time of each fold, e.g. 30m, 1h30m, 90s: a warm-up "
            + "measures this machine and fits the iterations to it (instead of --iterations)")
    String timeBudget;

    @Option(names = "--epoch-iterations", defaultValue = "250", description = "training iterations between "
            + "validations on the fold's validation patches, nnU-Net v2's epoch (default: ${DEFAULT-VALUE})")
    int epochIterations;

    @Option(names = "--validation-batches", defaultValue = "50", description = "validation batches an epoch; 0: no "
            + "validation during training and no best checkpoint (default: ${DEFAULT-VALUE})")
    int validationBatches;

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

    @Option(names = "--precision", defaultValue = "auto", description = "auto (bf16 where the CPU has AMX-BF16 or "
            + "AVX512-BF16, else fp32), fp32 or bf16; inference of the same command uses it too (default: ${DEFAULT-VALUE})")
    String precision;

    FoldTraining.Settings settings() {
        Precision p = PrecisionOption.resolve(precision);
        Duration budget = null;
        if (timeBudget != null) {
            if (iterations != null) {
                throw new IllegalArgumentException("--iterations " + iterations + " and --time-budget " + timeBudget
                        + ": give one; with a budget the iterations are fitted to it");
            }
            String t = timeBudget.strip().toUpperCase(java.util.Locale.ROOT);
            budget = Duration.parse(t.startsWith("P") ? t : "PT" + t); // 1h30m is ISO-8601's PT1H30M
        }
        return new FoldTraining.Settings(budget != null ? 0 : iterations == null ? 1000 : iterations,
                new TrainerOptions(logIters, saveInterval, keep), seed, workers, p, Recipe.NNUNET, budget)
                .withValidation(validationBatches == 0 ? null
                        : new ValidationSchedule(epochIterations, validationBatches));
    }
}
