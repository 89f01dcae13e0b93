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
import dev.segfold.engine.training.BudgetRefit;
import dev.segfold.engine.training.IterationFit;
import dev.segfold.engine.training.Recipe;
import dev.segfold.engine.training.TrainerOptions;
import dev.segfold.engine.training.TrainingConfig;
import dev.segfold.engine.training.TrainingListener;
import dev.segfold.engine.training.TrainingOutcome;
import dev.segfold.engine.training.WarmUp;
import dev.segfold.engine.training.checkpoint.CheckpointStore;
import dev.segfold.engine.training.validation.ValidationSchedule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
     * @param recipe learning rate, schedule, momentum, weight decay, clipping, batch Dice
     * @param timeBudget training time of the fold, null for a fixed count; with a budget,
     *     {@code iterations} is 0 until {@link #fitted} decides it
     * @param validation epochs and validation batches of nnU-Net v2's validation during training;
     *     null: none (then there is no best checkpoint either)
     */
    public record Settings(int iterations, TrainerOptions options, long seed, int loaderWorkers, Precision precision,
            Recipe recipe, Duration timeBudget, ValidationSchedule validation) {
        public Settings {
            if (precision == null || recipe == null) {
                throw new IllegalArgumentException("precision and recipe are required");
            }
            if (iterations < (timeBudget == null ? 1 : 0)) {
                throw new IllegalArgumentException("iterations must be >= 1 without a time budget, got " + iterations);
            }
        }

        /** Without validation during training. */
        public Settings(int iterations, TrainerOptions options, long seed, int loaderWorkers, Precision precision,
                Recipe recipe, Duration timeBudget) {
            this(iterations, options, seed, loaderWorkers, precision, recipe, timeBudget, null);
        }

        /** The same settings validating on {@code schedule}. */
        public Settings withValidation(ValidationSchedule schedule) {
            return new Settings(iterations, options, seed, loaderWorkers, precision, recipe, timeBudget, schedule);
        }

        /** Whether the fold validates while it trains. */
        public boolean validates() {
            return validation != null && validation.enabled();
        }

        /** A fixed iteration count. */
        public Settings(int iterations, TrainerOptions options, long seed, int loaderWorkers, Precision precision,
                Recipe recipe) {
            this(iterations, options, seed, loaderWorkers, precision, recipe, null);
        }

        /** nnU-Net's recipe. */
        public Settings(int iterations, TrainerOptions options, long seed, int loaderWorkers, Precision precision) {
            this(iterations, options, seed, loaderWorkers, precision, Recipe.NNUNET);
        }

        /** The same settings with the iteration count decided. */
        public Settings withIterations(int value) {
            return new Settings(value, options, seed, loaderWorkers, precision, recipe, timeBudget, validation);
        }

        /** Whether the count is still to be fitted to the time budget. */
        public boolean needsFit() {
            return timeBudget != null && iterations == 0;
        }

        /** nnU-Net's recipe in fp32. */
        public Settings(int iterations, TrainerOptions options, long seed, int loaderWorkers) {
            this(iterations, options, seed, loaderWorkers, Precision.FP32);
        }
    }

    private FoldTraining() {}

    public static TrainingOutcome run(Plans plans, Configuration configuration, List<PreprocessedCase> trainingCases,
            Path foldFolder, Settings settings, TrainingListener listener, BooleanSupplier cancel)
            throws IOException, InterruptedException {
        return run(plans, configuration, trainingCases, null, foldFolder, settings, listener, cancel);
    }

    /**
     * Trains one fold; for {@code 3d_cascade_fullres} every training case needs the previous
     * stage's map, which rides through augmentation and is one-hot appended to the data.
     *
     * @param previousStage the first stage's out-of-fold maps; required for the cascade, else ignored
     */
    public static TrainingOutcome run(Plans plans, Configuration configuration, List<PreprocessedCase> trainingCases,
            PreviousStageMaps previousStage, Path foldFolder, Settings settings, TrainingListener listener,
            BooleanSupplier cancel) throws IOException, InterruptedException {
        return run(plans, configuration, trainingCases, List.of(), previousStage, foldFolder, settings, listener,
                cancel);
    }

    /**
     * Trains one fold, validating every epoch on patches of {@code validationCases} when the
     * settings ask for it (nnU-Net v2: the fold's validation cases, patches of the final size with
     * foreground oversampling and no augmentation).
     *
     * @param validationCases the fold's validation cases; needed when {@code settings} validate
     * @param previousStage   the first stage's out-of-fold maps of training and validation cases;
     *                        required for the cascade, else ignored
     */
    public static TrainingOutcome run(Plans plans, Configuration configuration, List<PreprocessedCase> trainingCases,
            List<PreprocessedCase> validationCases, PreviousStageMaps previousStage, Path foldFolder,
            Settings settings, TrainingListener listener, BooleanSupplier cancel)
            throws IOException, InterruptedException {
        return run(plans, configuration, trainingCases, validationCases, previousStage, foldFolder, settings, null,
                listener, cancel);
    }

    /**
     * As above, for settings {@link #fitted} decided: a fold whose count a warm-up just fitted
     * ({@code refit} not null) fits it again from its own iterations as it trains.
     */
    public static TrainingOutcome run(Plans plans, Configuration configuration, List<PreprocessedCase> trainingCases,
            List<PreprocessedCase> validationCases, PreviousStageMaps previousStage, Path foldFolder,
            Settings settings, BudgetRefit refit, TrainingListener listener, BooleanSupplier cancel)
            throws IOException, InterruptedException {
        if (settings.validates() && validationCases.isEmpty()) {
            throw new IllegalArgumentException("the fold validates every " + settings.validation().epochIterations()
                    + " iterations on " + settings.validation().batches() + " batches, and it has no validation cases");
        }
        if (settings.needsFit()) {
            throw new IllegalArgumentException("the fold's iterations are still to be fitted to its time budget of "
                    + settings.timeBudget() + "; call FoldTraining.fitted first");
        }
        List<TrainingCase> cases = trainingCases(plans, configuration, trainingCases, previousStage);
        UNet3dConfig network = NetworkPlans.network(plans, configuration);
        TrainingConfig training = trainingConfig(plans, configuration, settings);
        FoldTrainer trainer = new FoldTrainer(network, training, settings.options());
        Optional<Path> resume = new CheckpointStore(foldFolder).latest();
        BatchSourceFactory validation = settings.validates()
                ? validationBatches(plans, configuration,
                        trainingCases(plans, configuration, validationCases, previousStage))
                : null;
        return trainer.train(batches(plans, configuration, cases, settings.loaderWorkers()), validation, foldFolder,
                resume.orElse(null), listener, cancel, refit);
    }

    /** As below, with the planned network. */
    public static Fitted fitted(Plans plans, Configuration configuration, List<PreprocessedCase> trainingCases,
            PreviousStageMaps previousStage, Path foldFolder, Settings settings)
            throws IOException, InterruptedException {
        return fitted(plans, configuration, trainingCases, previousStage, foldFolder, settings, false);
    }

    /**
     * The settings with the iteration count decided, and the plans to train with. A fold with a time
     * budget keeps the count (and, with {@code scaleNetwork}, the network width and batch) it was
     * fitted to when it trained before (its newest checkpoint in {@code foldFolder} says it), so a
     * resumed fold never refits; otherwise a warm-up measures this machine and fits the count.
     *
     * @param scaleNetwork whether a budgeted fold may train a thinner network with a smaller batch
     *                     than planned ({@link NetworkScaling}): the user set neither
     * @return the settings, the plans, and the warm-up's fit when one ran (null when the count was
     *     given or recorded)
     */
    public static Fitted fitted(Plans plans, Configuration configuration, List<PreprocessedCase> trainingCases,
            PreviousStageMaps previousStage, Path foldFolder, Settings settings, boolean scaleNetwork)
            throws IOException, InterruptedException {
        if (!settings.needsFit()) {
            return new Fitted(settings, null, plans);
        }
        Optional<Path> latest = new CheckpointStore(foldFolder).latest();
        if (latest.isPresent()) {
            TrainingConfig trained = TrainingConfig.fromJson(Files.readString(
                    latest.get().resolve(FoldTrainer.TRAINING_FILE)));
            Plans trainedPlans = plans;
            if (scaleNetwork) {
                UNet3dConfig network = UNet3dConfig.fromJson(Files.readString(
                        latest.get().resolve(FoldTrainer.NETWORK_FILE)));
                trainedPlans = plans.withNetwork(configuration, network.baseFeatures(), trained.batchSize());
            }
            return new Fitted(settings.withIterations(trained.iterations()), null, trainedPlans);
        }
        return fit(plans, configuration, trainingCases, previousStage, settings, scaleNetwork);
    }

    /**
     * Runs the warm-up and fits the count to the budget (see {@link WarmUp}); with {@code scaleNetwork}
     * first chooses the network and batch from short warm-ups ({@link NetworkScaling}). Everything
     * measured here counts in the budget.
     */
    public static Fitted fit(Plans plans, Configuration configuration, List<PreprocessedCase> trainingCases,
            PreviousStageMaps previousStage, Settings settings, boolean scaleNetwork)
            throws IOException, InterruptedException {
        long started = System.nanoTime();
        List<TrainingCase> cases = trainingCases(plans, configuration, trainingCases, previousStage);
        int saveInterval = settings.options().checkpointInterval();
        Plans chosen = plans;
        if (scaleNetwork) {
            List<NetworkScaling.Rung> rungs = NetworkScaling.ladder(plans.baseNumFeatures(),
                    plans.stage(configuration).batchSize());
            NetworkScaling.Rung rung = NetworkScaling.choose(rungs, r -> {
                Plans p = plans.withNetwork(configuration, r.baseFeatures(), r.batchSize());
                WarmUp.Measurement probe = WarmUp.measure(NetworkPlans.network(p, configuration),
                        trainingConfig(p, configuration, settings.withIterations(1)),
                        batches(p, configuration, cases, settings.loaderWorkers()),
                        NetworkScaling.PROBE_UNTIMED_STEPS, NetworkScaling.PROBE_TIMED_STEPS);
                return IterationFit.count(settings.timeBudget(), Duration.ofNanos(System.nanoTime() - started), probe,
                        saveInterval, settings.validation());
            });
            chosen = plans.withNetwork(configuration, rung.baseFeatures(), rung.batchSize());
        }
        TrainingConfig training = trainingConfig(chosen, configuration, settings.withIterations(1));
        WarmUp.Measurement measured = WarmUp.measure(NetworkPlans.network(chosen, configuration), training,
                batches(chosen, configuration, cases, settings.loaderWorkers()), WarmUp.UNTIMED_STEPS,
                WarmUp.TIMED_STEPS);
        IterationFit fit = IterationFit.of(settings.timeBudget(), Duration.ofNanos(System.nanoTime() - started),
                measured, saveInterval, training.validation());
        return new Fitted(settings.withIterations(fit.iterations()),
                new BudgetRefit(fit, started, saveInterval, settings.validation()), chosen);
    }

    /** Runs the warm-up on the planned network and fits the count to the budget. */
    public static Fitted fit(Plans plans, Configuration configuration, List<PreprocessedCase> trainingCases,
            PreviousStageMaps previousStage, Settings settings) throws IOException, InterruptedException {
        return fit(plans, configuration, trainingCases, previousStage, settings, false);
    }

    /**
     * Settings with a decided iteration count.
     *
     * @param settings the settings to train with
     * @param refit    the warm-up's measurement, to fit again from the fold's own iterations; null
     *                 when the count was given or recorded
     * @param plans    the plans to train with: as given, or with the network and batch a time budget
     *                 chose ({@link NetworkScaling})
     */
    public record Fitted(Settings settings, BudgetRefit refit, Plans plans) {
        /** The warm-up's fit, null when none ran. */
        public IterationFit fit() {
            return refit == null ? null : refit.warmUpFit();
        }
    }

    /**
     * What a fold of {@code configuration} computes with under {@code settings}: the recipe, its
     * batch Dice decided by the plans where the recipe leaves it open, and the plans' batch and
     * patch. Its digest (with the network's) is the checkpoint's {@code configDigest}.
     */
    public static TrainingConfig trainingConfig(Plans plans, Configuration configuration, Settings settings) {
        StagePlan stage = plans.stage(configuration);
        return TrainingConfig.of(settings.iterations(), settings.recipe(), NetworkPlans.batchDice(plans, configuration),
                settings.seed(), settings.precision()).withSampling(stage.batchSize(), stage.patchSize())
                .withValidation(settings.validation()).withTimeBudget(settings.timeBudget());
    }

    /** The {@code configDigest} a checkpoint of this fold carries: network and {@link #trainingConfig}. */
    public static String configDigest(Plans plans, Configuration configuration, Settings settings) {
        return FoldTrainer.configDigest(NetworkPlans.network(plans, configuration),
                trainingConfig(plans, configuration, settings));
    }

    static List<TrainingCase> trainingCases(Plans plans, Configuration configuration, List<PreprocessedCase> cases,
            PreviousStageMaps previousStage) throws IOException {
        if (configuration != Configuration.CASCADE_FULLRES_3D) {
            return cases.stream().map(TrainingCase::of).toList();
        }
        if (previousStage == null) {
            throw new IllegalArgumentException(configuration.id()
                    + " trains on the previous stage's predictions, and none were given");
        }
        List<TrainingCase> out = new ArrayList<>();
        for (PreprocessedCase c : cases) {
            out.add(new TrainingCase(c, previousStage.labels(c.caseId())));
        }
        return out;
    }

    /**
     * nnU-Net v2's validation batches: the plans' batch of final-size patches, foreground
     * oversampled, not augmented; one worker, as they are needed once an epoch.
     */
    static BatchSourceFactory validationBatches(Plans plans, Configuration configuration, List<TrainingCase> cases) {
        StagePlan stage = plans.stage(configuration);
        AugmentationSettings augmentation = augmentation(plans, configuration);
        return (seed, start) -> AugmentingBatchSource.nnUNetValidation(cases, augmentation, stage.batchSize())
                .optSeed(seed)
                .optStartBatch(start)
                .optWorkers(1)
                .build();
    }

    private static AugmentationSettings augmentation(Plans plans, Configuration configuration) {
        StagePlan stage = plans.stage(configuration);
        boolean[] mask = new boolean[plans.numModalities()];
        for (int c = 0; c < mask.length; c++) {
            mask[c] = Boolean.TRUE.equals(plans.useMaskForNorm().get(c));
        }
        int[] cascadeLabels = configuration == Configuration.CASCADE_FULLRES_3D
                ? CascadeInput.foregroundLabels(plans) : new int[0];
        return new AugmentationSettings(stage.patchSize(), stage.doDummy2DDataAug(), mask, cascadeLabels);
    }

    static BatchSourceFactory batches(Plans plans, Configuration configuration, List<TrainingCase> training,
            int workers) {
        StagePlan stage = plans.stage(configuration);
        boolean[] mask = new boolean[plans.numModalities()];
        for (int c = 0; c < mask.length; c++) {
            mask[c] = Boolean.TRUE.equals(plans.useMaskForNorm().get(c));
        }
        int[] cascadeLabels = configuration == Configuration.CASCADE_FULLRES_3D
                ? CascadeInput.foregroundLabels(plans) : new int[0];
        AugmentationSettings augmentation = new AugmentationSettings(stage.patchSize(), stage.doDummy2DDataAug(), mask,
                cascadeLabels);
        return (seed, start) -> AugmentingBatchSource.nnUNetTraining(training, augmentation, stage.batchSize())
                .optSeed(seed)
                .optStartBatch(start)
                .optWorkers(workers)
                .build();
    }
}
