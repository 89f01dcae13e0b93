package dev.segfold.engine.cli;

import dev.segfold.engine.workflow.ExperimentContext;
import dev.segfold.engine.workflow.StagePreprocessing;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Preprocesses every training case of a configuration into the experiment's cache. */
@Command(name = "preprocess", mixinStandardHelpOptions = true, description = "Preprocess the training cases into the cache.")
final class PreprocessCommand implements Callable<Integer> {
    @Mixin
    ExperimentOptions experiment;

    @Mixin
    PlanOverrideOptions overrides;

    @Override
    public Integer call() throws Exception {
        ExperimentContext ctx = experiment.open(overrides.overrides());
        StagePreprocessing p = ctx.preprocessing(experiment.configuration());
        int n = p.trainingCases(ctx.dataset().trainingCaseIds()).size();
        System.out.println("[segfold] " + n + " cases in " + ctx.layout().cache().resolve(p.cacheKey().relativePath()));
        return 0;
    }
}
