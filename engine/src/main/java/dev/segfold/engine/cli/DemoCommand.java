package dev.segfold.engine.cli;

import dev.segfold.engine.synthetic.SyntheticDatasetGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The embedded default: generates the sample data set and runs three folds of a small network on
 * it, ending with the path of submission.zip.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Generate a sample data set and run three folds of a small network on it; prints the path of submission.zip last.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = {"-o", "--out"}, defaultValue = "out/demo", description = "output folder (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--iterations", defaultValue = "250", description = "iterations per fold (default: ${DEFAULT-VALUE})")
    int iterations;

    @Override
    public Integer call() throws Exception {
        Path data = out.resolve("data/SyntheticShapes");
        if (!Files.isRegularFile(data.resolve("dataset.json"))) {
            System.out.println("[segfold] generating the sample data set in " + data);
            SyntheticDatasetGenerator.builder().trainingCases(15).optTestCases(3).optSeed(42).build().generate(data);
        }
        ExperimentOptions experiment = new ExperimentOptions();
        experiment.dataset = data;
        experiment.work = out.resolve("run");
        experiment.configuration = "3d_fullres";
        PlanOverrideOptions overrides = new PlanOverrideOptions();
        overrides.base = 16;
        overrides.batch = 2;
        TrainingOptions training = new TrainingOptions();
        training.iterations = iterations;
        training.saveInterval = Math.max(1, iterations / 2);
        training.logIters = Math.max(1, iterations / 10);
        training.keep = 1;
        training.epochIterations = Math.max(1, iterations / 4); // four validations during training
        training.validationBatches = 2;
        training.seed = 12345;
        training.workers = 2;
        training.precision = "fp32";
        InferenceOptions inference = new InferenceOptions();
        inference.stepSize = 0.5;
        Path zip = RunCommand.run(experiment, overrides, training, inference, List.of(0, 1, 2), null);
        System.out.println(zip.toAbsolutePath());
        return 0;
    }
}
