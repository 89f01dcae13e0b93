package dev.segfold.engine.cli;

import dev.segfold.engine.postprocess.PostprocessingJson;
import dev.segfold.engine.postprocess.PostprocessingPlan;
import dev.segfold.engine.training.checkpoint.CheckpointStore;
import dev.segfold.engine.workflow.ExperimentContext;
import dev.segfold.engine.workflow.TestSetPrediction;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Predicts the data set's test cases with one fold or the softmax-averaged ensemble of several. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Predict imagesTs with one fold or the ensemble of several folds.")
final class PredictCommand implements Callable<Integer> {
    @Mixin
    ExperimentOptions experiment;

    @Mixin
    InferenceOptions inference;

    @Option(names = "--folds", split = ",", required = true, description = "folds to ensemble, e.g. 0,1,2")
    List<Integer> folds;

    @Option(names = {"-o", "--out"}, required = true, description = "output folder for <case>.nii.gz")
    Path out;

    @Option(names = "--postprocessing", description = "postprocessing.json to apply (default: none)")
    Path postprocessing;

    @Override
    public Integer call() throws Exception {
        ExperimentContext ctx = experiment.open(null);
        PostprocessingPlan plan = postprocessing == null ? PostprocessingPlan.NONE : PostprocessingJson.read(postprocessing);
        List<Path> written = TestSetPrediction.run(ctx.dataset(), ctx.plans(), experiment.configuration(),
                ctx.preprocessing(experiment.configuration()), ctx.dataset().testCases(),
                checkpoints(ctx, experiment, folds), plan, out, inference.settings());
        System.out.println("[segfold] wrote " + written.size() + " predictions to " + out);
        return 0;
    }

    static List<Path> checkpoints(ExperimentContext ctx, ExperimentOptions experiment, List<Integer> folds)
            throws IOException {
        List<Path> checkpoints = new ArrayList<>();
        for (int fold : folds) {
            Path foldFolder = ctx.layout().checkpoints(experiment.configuration(), fold);
            checkpoints.add(new CheckpointStore(foldFolder).latest().orElseThrow(
                    () -> new IllegalStateException("fold " + fold + " has no complete checkpoint in " + foldFolder)));
        }
        return checkpoints;
    }
}
