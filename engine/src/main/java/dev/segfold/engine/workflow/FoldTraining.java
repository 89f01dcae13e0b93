package dev.segfold.engine.workflow;

import dev.segfold.engine.augment.AugmentationSettings;
import dev.segfold.engine.network.Precision;
import dev.segfold.engine.network.UNet3dConfig;
import dev.segfold.engine.plan.Configuration;
import dev.segfold.engine.plan.Plans;
import dev.segfold.engine.plan.StagePlan;
import dev.segfold.engine.preprocess.PreprocessedCase;
import dev.segfold.engine.sampling.AugmentingBatchSource;
import dev.segfold.engine.sampling.TrainingCase;
import dev.segfold.engine.training.BatchSourceFactory;
import dev.segfold.engine.training.FoldTrainer;
import dev.segfold.engine.training.TrainerOptions;
import dev.segfold.engine.training.TrainingConfig;
import dev.segfold.engine.training.TrainingListener;
import dev.segfold.engine.training.TrainingOutcome;
import dev.segfold.engine.training.checkpoint.CheckpointStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Trains one fold of a configuration on its training cases, resuming from the newest complete
 * checkpoint in the fold's folder when there is one (a re-delivered or restarted fold continues
 * where it stopped instead of starting over).
 */
public final class FoldTraining {
    /**
     * How long and how a fold trains.
     *
     * @param iterations optimizer steps
     * @param options logging and checkpoint intervals, retention
     * @param seed weights and batch randomness
     * @param loaderWorkers threads preparing batches
     * @param precision FP32, or BF16 convolutions with float32 master weights (about twice as fast
     *     on CPUs with AMX)
     */
    public record Settings(int iterations, TrainerOptions options, long seed, int loaderWorkers, Precision precision) {
        public Settings(int iterations, TrainerOptions options, long seed, int loaderWorkers) {
            this(iterations, options, seed, loaderWorkers, Precision.FP32);
        }
    }

    private FoldTraining() {}

    public static TrainingOutcome run(Plans plans, Configuration configuration, List<PreprocessedCase> trainingCases,
            Path foldFolder, Settings settings, TrainingListener listener, BooleanSupplier cancel)
            throws IOException, InterruptedException {
        UNet3dConfig network = NetworkPlans.network(plans, configuration);
        TrainingConfig training = TrainingConfig.nnUNet(settings.iterations(),
                NetworkPlans.batchDice(plans, configuration), settings.seed()).withPrecision(settings.precision());
        FoldTrainer trainer = new FoldTrainer(network, training, settings.options());
        Optional<Path> resume = new CheckpointStore(foldFolder).latest();
        return trainer.train(batches(plans, configuration, trainingCases, settings.loaderWorkers()), foldFolder,
                resume.orElse(null), listener, cancel);
    }

    static BatchSourceFactory batches(Plans plans, Configuration configuration, List<PreprocessedCase> cases,
            int workers) {
        StagePlan stage = plans.stage(configuration);
        boolean[] mask = new boolean[plans.numModalities()];
        for (int c = 0; c < mask.length; c++) {
            mask[c] = Boolean.TRUE.equals(plans.useMaskForNorm().get(c));
        }
        AugmentationSettings augmentation = AugmentationSettings.of(stage.patchSize(), stage.doDummy2DDataAug(), mask);
        List<TrainingCase> training = cases.stream().map(TrainingCase::of).toList();
        return (seed, start) -> AugmentingBatchSource.nnUNetTraining(training, augmentation, stage.batchSize())
                .optSeed(seed)
                .optStartBatch(start)
                .optWorkers(workers)
                .build();
    }
}
