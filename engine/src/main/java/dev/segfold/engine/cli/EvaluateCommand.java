package dev.segfold.engine.cli;

import dev.segfold.engine.training.checkpoint.CheckpointStore;
import dev.segfold.engine.workflow.ExperimentContext;
import dev.segfold.engine.workflow.FoldValidation;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Validates a trained fold: predictions, summary.json, postprocessing.json. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Validate a fold's newest checkpoint: predictions, summary.json and postprocessing.json.")
final class EvaluateCommand implements Callable<Integer> {
    @Mixin
    ExperimentOptions experiment;

    @Mixin
    InferenceOptions inference;

    @Option(names = {"-f", "--fold"}, required = true, description = "fold 0..4")
    int fold;

    @Override
    public Integer call() throws Exception {
        ExperimentContext ctx = experiment.open(null);
        Path foldFolder = ctx.layout().checkpoints(experiment.configuration(), fold);
        Path checkpoint = new CheckpointStore(foldFolder).latest().orElseThrow(
                () -> new IllegalStateException("fold " + fold + " has no complete checkpoint in " + foldFolder));
        FoldValidation.Result r = FoldValidation.run(ctx.dataset(), ctx.plans(), experiment.configuration(),
                ctx.preprocessing(experiment.configuration()), ctx.split().fold(fold).val(), checkpoint,
                ctx.layout().validation(experiment.configuration(), fold), inference.settings());
        System.out.printf("[segfold] fold %d mean foreground Dice %.4f; %s%n", fold,
                r.summary().foregroundMeanDice(), r.folder().resolve(FoldValidation.SUMMARY));
        return 0;
    }
}
