package dev.segfold.engine.cli;

import dev.segfold.engine.preprocess.PreprocessedCase;
import dev.segfold.engine.split.FoldSplit;
import dev.segfold.engine.training.IterationFit;
import dev.segfold.engine.training.TrainingListener;
import dev.segfold.engine.training.TrainingOutcome;
import dev.segfold.engine.training.TrainingProgress;
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
        List<PreprocessedCase> cases = ctx.preprocessing(experiment.configuration()).trainingCases(split.train());
        Path folder = ctx.layout().checkpoints(experiment.configuration(), fold);
        // validation during training (nnU-Net's per-epoch pseudo-Dice) reads the fold's validation cases
        List<PreprocessedCase> validationCases = training.settings().validates()
                ? ctx.preprocessing(experiment.configuration()).trainingCases(split.val()) : List.of();
        long started = System.nanoTime();
        FoldTraining.Fitted fitted = FoldTraining.fitted(ctx.plans(), experiment.configuration(), cases, null, folder,
                training.settings(), overrides.overrides().leavesNetworkOpen());
        if (fitted.fit() != null) {
            System.out.printf("[segfold] %d iterations of base %d, batch %d fit the time budget (warm-up %.1f s, "
                    + "%.0f ms an iteration)%n", fitted.fit().iterations(), fitted.plans().baseNumFeatures(),
                    fitted.plans().stage(experiment.configuration()).batchSize(),
                    fitted.fit().warmup().toMillis() / 1000.0, fitted.fit().msPerIteration());
        }
        TrainingListener listener = new TrainingListener() {
            @Override
            public void onProgress(TrainingProgress p) {
                console.onTraining(fold, p);
            }

            @Override
            public void onIterationsRefitted(IterationFit fit) {
                System.out.println("[segfold] " + fit.refitSummary());
            }
        };
        TrainingOutcome outcome = FoldTraining.run(fitted.plans(), experiment.configuration(), cases, validationCases,
                null, folder, fitted.settings(), fitted.refit(), listener, () -> false);
        System.out.println("[segfold] fold " + fold + " trained to iteration " + outcome.completedIterations()
                + "; checkpoint " + outcome.lastCheckpoint());
        if (fitted.fit() != null) {
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("[segfold] training took %.1f s of the %d s budget (%+.1f%%), warm-up included%n", seconds,
                    fitted.fit().budget().toSeconds(), 100 * (seconds / fitted.fit().budget().toSeconds() - 1));
        }
        return 0;
    }
}
