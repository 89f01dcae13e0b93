package dev.segfold.engine.cli;

import dev.segfold.engine.workflow.FoldTraining;
import dev.segfold.engine.workflow.LocalExperiment;
import dev.segfold.engine.workflow.SubmissionArchive;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Plan, preprocess, train and validate the folds, consolidate, ensemble the test set, zip it. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Everything on this machine: plan, preprocess, train and validate folds, ensemble imagesTs, submission.zip.")
final class RunCommand implements Callable<Integer> {
    @Mixin
    ExperimentOptions experiment;

    @Mixin
    PlanOverrideOptions overrides;

    @Mixin
    TrainingOptions training;

    @Mixin
    InferenceOptions inference;

    @Option(names = "--folds", split = ",", defaultValue = "0,1,2,3,4", description = "folds to train (default: ${DEFAULT-VALUE})")
    List<Integer> folds;

    @Option(names = "--lowres-iterations",
            description = "3d_cascade_fullres only: iterations of each of the five 3d_lowres folds (default: --iterations)")
    Integer lowresIterations;

    @Override
    public Integer call() throws Exception {
        Path zip = run(experiment, overrides, training, inference, folds, lowresIterations);
        System.out.println(zip.toAbsolutePath());
        return 0;
    }

    static Path run(ExperimentOptions experiment, PlanOverrideOptions overrides, TrainingOptions training,
            InferenceOptions inference, List<Integer> folds, Integer lowresIterations) throws Exception {
        FoldTraining.Settings settings = training.settings();
        FoldTraining.Settings lowres = lowresIterations == null ? null : new FoldTraining.Settings(lowresIterations,
                settings.options(), settings.seed(), settings.loaderWorkers(), settings.precision())
                .withValidation(settings.validation());
        LocalExperiment.Outcome outcome = LocalExperiment.run(new LocalExperiment.Request(experiment.dataset,
                experiment.work, experiment.configuration(), folds, overrides.overrides(), settings,
                inference.settings(settings.precision()), true, lowres), new ConsoleListener(System.out));
        System.out.printf("[segfold] cross-validation foreground Dice %.4f over %d cases%n",
                outcome.crossValidation().rawSummary().foregroundMeanDice(), outcome.crossValidation().numSamples());
        return SubmissionArchive.write(outcome.testPredictions(), experiment.work.resolve("submission.zip"));
    }
}
