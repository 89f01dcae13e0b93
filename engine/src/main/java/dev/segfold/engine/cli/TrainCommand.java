package dev.segfold.engine.cli;

import dev.segfold.engine.preprocess.PreprocessedCase;
import dev.segfold.engine.split.FoldSplit;
import dev.segfold.engine.training.TrainingListener;
import dev.segfold.engine.training.TrainingOutcome;
import dev.segfold.engine.workflow.ExperimentContext;
import dev.segfold.engine.workflow.FoldTraining;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Trains one fold, resuming from its newest checkpoint when there is one. */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train one fold (resumes from its newest checkpoint).")
final class TrainCommand implements Callable<Integer> {
    @Mixin
    ExperimentOptions experiment;

    @Mixin
    PlanOverrideOptions overrides;

    @Mixin
    TrainingOptions training;

    @Option(names = {"-f", "--fold"}, required = true, description = "fold 0..4")
    int fold;

    @Override
    public Integer call() throws Exception {
        ConsoleListener console = new ConsoleListener(System.out);
        ExperimentContext ctx = experiment.open(overrides.overrides());
        FoldSplit split = ctx.split().fold(fold);
        TrainingListener listener = p -> console.onTraining(fold, p);
        List<PreprocessedCase> cases = ctx.preprocessing(experiment.configuration()).trainingCases(split.train());
        Path folder = ctx.layout().checkpoints(experiment.configuration(), fold);
        FoldTraining.Fitted fitted = FoldTraining.fitted(ctx.plans(), experiment.configuration(), cases, null, folder,
                training.settings());
        if (fitted.fit() != null) {
            System.out.printf("[segfold] %d iterations fit the time budget (warm-up %.1f s, %.0f ms an iteration)%n",
                    fitted.fit().iterations(), fitted.fit().warmup().toMillis() / 1000.0, fitted.fit().msPerIteration());
        }
        // validation during training (nnU-Net's per-epoch pseudo-Dice) reads the fold's validation cases
        List<PreprocessedCase> validationCases = fitted.settings().validates()
                ? ctx.preprocessing(experiment.configuration()).trainingCases(split.val()) : List.of();
        TrainingOutcome outcome = FoldTraining.run(ctx.plans(), experiment.configuration(), cases, validationCases,
                null, folder, fitted.settings(), listener, () -> false);
        System.out.println("[segfold] fold " + fold + " trained to iteration " + outcome.completedIterations()
                + "; checkpoint " + outcome.lastCheckpoint());
        return 0;
    }
}
