package dev.segfold.service.run;

import dev.segfold.contracts.spec.FoldSettings;
import dev.segfold.contracts.spec.Precision;
import dev.segfold.contracts.spec.TrainingRecipe;
import dev.segfold.engine.training.Recipe;
import dev.segfold.engine.training.TrainerOptions;
import dev.segfold.engine.training.validation.ValidationSchedule;
import dev.segfold.engine.workflow.CaseSegmenter;
import dev.segfold.engine.workflow.FoldTraining;

/**
 * A fold's settings in the engine's terms. The contracts and the engine each have their own types
 * (the engine knows nothing of services); this is the one place they are matched, so a field added
 * to {@link FoldSettings} is either mapped here or visibly not.
 */
public final class EngineSettings {
    private EngineSettings() {
    }

    /** The engine's arithmetic for a decided precision. */
    public static dev.segfold.engine.network.Precision precision(Precision precision) {
        return switch (precision) {
            case FP32 -> dev.segfold.engine.network.Precision.FP32;
            case BF16 -> dev.segfold.engine.network.Precision.BF16;
            case AUTO -> throw new IllegalArgumentException("precision auto reached the engine undecided; the "
                    + "config-service decides it when it accepts the run");
        };
    }

    /** The engine's recipe. */
    public static Recipe recipe(TrainingRecipe recipe) {
        return new Recipe(recipe.learningRate(), recipe.polyPower(), recipe.momentum(), recipe.weightDecay(),
                recipe.gradientClipNorm(), recipe.batchDice());
    }

    /**
     * Inference of a fold with these settings: the service's sliding-window settings in the fold's
     * precision, so a bf16 run validates and predicts in bf16 too.
     *
     * @param settings the fold's settings; null (a run accepted before settings were recorded) keeps
     *                 {@code base} as it is
     */
    public static CaseSegmenter.Settings inference(CaseSegmenter.Settings base, FoldSettings settings) {
        return settings == null ? base : base.withPrecision(precision(settings.precision()));
    }

    /**
     * How the engine trains a fold with these settings.
     *
     * @param loaderWorkers threads preparing batches (a property of the machine, not of the run)
     */
    public static FoldTraining.Settings training(FoldSettings settings, int loaderWorkers) {
        return new FoldTraining.Settings(settings.iterations(),
                new TrainerOptions(settings.logInterval(), settings.saveInterval(), settings.keepCheckpoints()),
                settings.seed(), loaderWorkers, precision(settings.precision()), recipe(settings.recipe()),
                settings.timeBudget(), validation(settings));
    }

    /** nnU-Net v2's validation during training as the fold asks for it; null when it asks for none. */
    public static ValidationSchedule validation(FoldSettings settings) {
        return settings.validationBatches() == 0 ? null
                : new ValidationSchedule(settings.epochIterations(), settings.validationBatches());
    }
}
