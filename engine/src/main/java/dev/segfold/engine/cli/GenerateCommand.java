package dev.segfold.engine.cli;

import dev.segfold.engine.synthetic.SyntheticDatasetGenerator;
import dev.segfold.engine.synthetic.SyntheticDatasetSummary;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Writes a synthetic MSD data set: the project's own sample data for the demo and tests. */
@Command(name = "generate", mixinStandardHelpOptions = true, description = "Write a synthetic MSD data set.")
final class GenerateCommand implements Callable<Integer> {
    @Option(names = {"-o", "--out"}, required = true, description = "output folder")
    Path out;

    @Option(names = "--cases", defaultValue = "20", description = "training cases (default: ${DEFAULT-VALUE})")
    int cases;

    @Option(names = "--test-cases", defaultValue = "4", description = "test cases (default: ${DEFAULT-VALUE})")
    int testCases;

    @Option(names = "--seed", defaultValue = "42", description = "seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--anisotropic", description = "3 mm slices instead of 1 mm isotropic voxels")
    boolean anisotropic;

    @Override
    public Integer call() throws Exception {
        SyntheticDatasetSummary s = SyntheticDatasetGenerator.builder().trainingCases(cases).optTestCases(testCases)
                .optSeed(seed).optAnisotropic(anisotropic).build().generate(out);
        System.out.println(s);
        return 0;
    }
}
