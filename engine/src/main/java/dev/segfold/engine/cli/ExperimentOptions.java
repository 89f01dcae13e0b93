package dev.segfold.engine.cli;

import dev.segfold.engine.dataset.MsdDataset;
import dev.segfold.engine.plan.Configuration;
import dev.segfold.engine.plan.PlanOverrides;
import dev.segfold.engine.workflow.ExperimentContext;
import dev.segfold.engine.workflow.ExperimentLayout;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every experiment command shares: where the data and the experiment folder are. */
final class ExperimentOptions {
    @Option(names = {"-d", "--dataset"}, required = true, description = "MSD data-set folder (dataset.json, imagesTr, labelsTr, imagesTs)")
    Path dataset;

    @Option(names = {"-w", "--work"}, required = true, description = "experiment folder: plans.json, splits.json, cache/, <configuration>/fold<k>/")
    Path work;

    @Option(names = {"-c", "--configuration"}, defaultValue = "3d_fullres",
            description = "3d_fullres, 3d_lowres or 3d_cascade_fullres (default: ${DEFAULT-VALUE})")
    String configuration;

    Configuration configuration() {
        return Configuration.fromId(configuration);
    }

    /** Opens the experiment folder on the data set, planning it first if it has no plans yet. */
    ExperimentContext open(PlanOverrides overrides) throws java.io.IOException {
        return ExperimentContext.open(MsdDataset.open(dataset), new ExperimentLayout(work), overrides,
                new ConsoleListener(System.out));
    }
}
