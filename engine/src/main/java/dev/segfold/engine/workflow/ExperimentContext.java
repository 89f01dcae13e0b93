package dev.segfold.engine.workflow;

import dev.segfold.engine.dataset.MsdDataset;
import dev.segfold.engine.plan.Configuration;
import dev.segfold.engine.plan.PlanOverrides;
import dev.segfold.engine.plan.Plans;
import dev.segfold.engine.plan.PlansJson;
import dev.segfold.engine.preprocess.PreprocessedCaseStore;
import dev.segfold.engine.split.CrossValidationSplit;
import dev.segfold.engine.split.KFoldSplitter;
import dev.segfold.engine.split.SplitFile;
import java.io.IOException;
import java.nio.file.Files;

/**
 * An experiment folder opened on its data set: the plans and the split, made on first use and
 * read back afterwards, so every command (and every fold) of one experiment agrees on them.
 *
 * @param dataset the data set
 * @param layout the experiment folder
 * @param plans plans.json
 * @param split splits.json (nnU-Net's default split unless the user put another one there)
 */
public record ExperimentContext(MsdDataset dataset, ExperimentLayout layout, Plans plans, CrossValidationSplit split) {

    public static ExperimentContext open(MsdDataset dataset, ExperimentLayout layout, PlanOverrides overrides,
            ExperimentListener listener) throws IOException {
        Files.createDirectories(layout.root());
        return new ExperimentContext(dataset, layout, plansFor(dataset, layout, overrides, listener),
                splitFor(dataset, layout));
    }

    /** Preprocessing of the stage a configuration trains on, through the experiment's cache. */
    public StagePreprocessing preprocessing(Configuration configuration) throws IOException {
        return new StagePreprocessing(dataset, plans, configuration.stageIndex(plans.numStages()),
                new PreprocessedCaseStore(layout.cache()));
    }

    private static Plans plansFor(MsdDataset dataset, ExperimentLayout layout, PlanOverrides overrides,
            ExperimentListener listener) throws IOException {
        if (Files.isRegularFile(layout.plansFile())) {
            if (overrides != null && !overrides.equals(PlanOverrides.NONE)) {
                listener.onStep("plans.json exists in " + layout.root() + ": plan overrides are ignored");
            }
            return PlansJson.read(layout.plansFile());
        }
        listener.onStep("planning " + dataset.root().getFileName());
        Plans plans = ExperimentPlanning.plan(dataset, overrides);
        PlansJson.write(plans, layout.plansFile());
        return plans;
    }

    private static CrossValidationSplit splitFor(MsdDataset dataset, ExperimentLayout layout) {
        if (Files.isRegularFile(layout.splitsFile())) {
            CrossValidationSplit split = SplitFile.read(layout.splitsFile());
            split.validateAgainst(dataset.trainingCaseIds(), layout.splitsFile().toString());
            return split;
        }
        CrossValidationSplit split = KFoldSplitter.split(dataset.trainingCaseIds(), 5);
        SplitFile.write(split, layout.splitsFile());
        return split;
    }
}
