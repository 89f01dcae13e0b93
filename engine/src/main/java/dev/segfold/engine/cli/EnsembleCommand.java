package dev.segfold.engine.cli;

import dev.segfold.engine.postprocess.PostprocessingResult;
import dev.segfold.engine.workflow.CrossValidationConsolidation;
import dev.segfold.engine.workflow.ExperimentContext;
import dev.segfold.engine.workflow.TestSetPrediction;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Pools the validated folds, chooses postprocessing on all their validation cases, and predicts the
 * test cases with the ensemble of the folds with that postprocessing.
 */
@Command(name = "ensemble", mixinStandardHelpOptions = true,
        description = "Choose postprocessing on the pooled validations of the folds, then predict imagesTs with their ensemble.")
final class EnsembleCommand implements Callable<Integer> {
    @Mixin
    ExperimentOptions experiment;

    @Mixin
    InferenceOptions inference;

    @Option(names = "--folds", split = ",", required = true, description = "validated folds, e.g. 0,1,2,3,4")
    List<Integer> folds;

    @Override
    public Integer call() throws Exception {
        ExperimentContext ctx = experiment.open(null);
        Map<Integer, Path> validation = new LinkedHashMap<>();
        Map<Integer, List<String>> cases = new LinkedHashMap<>();
        for (int fold : folds) {
            validation.put(fold, ctx.layout().validation(experiment.configuration(), fold));
            cases.put(fold, ctx.split().fold(fold).val());
        }
        PostprocessingResult cv = CrossValidationConsolidation.run(ctx.dataset(), ctx.plans(), validation, cases,
                ctx.layout().crossValidation(experiment.configuration()), true);
        List<Path> written = TestSetPrediction.run(ctx.dataset(), ctx.plans(), experiment.configuration(),
                ctx.preprocessing(experiment.configuration()), ctx.dataset().testCases(),
                PredictCommand.checkpoints(ctx, experiment, folds), cv.plan(), ctx.layout().ensemble(),
                inference.settings());
        System.out.printf("[segfold] cross-validation foreground Dice %.4f; postprocessing %s; %d predictions in %s%n",
                cv.rawSummary().foregroundMeanDice(), cv.plan().forWhichClasses(), written.size(),
                ctx.layout().ensemble());
        return 0;
    }
}
