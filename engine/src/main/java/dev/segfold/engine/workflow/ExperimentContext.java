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
 * @param stageCache where preprocessed training cases are shared beyond this folder; null keeps them
 *                   in the experiment's own {@code cache/} folder
 */
public record ExperimentContext(MsdDataset dataset, ExperimentLayout layout, Plans plans, CrossValidationSplit split,
        StageCache stageCache) {

    /** An experiment that preprocesses into its own {@code cache/} folder. */
    public ExperimentContext(MsdDataset dataset, ExperimentLayout layout, Plans plans, CrossValidationSplit split) {
        this(dataset, layout, plans, split, null);
    }

    public static ExperimentContext open(MsdDataset dataset, ExperimentLayout layout, PlanOverrides overrides,
            ExperimentListener listener) throws IOException {
        Files.createDirectories(layout.root());
        return new ExperimentContext(dataset, layout, plansFor(dataset, layout, overrides, listener),
                splitFor(dataset, layout));
    }

    /** The same experiment with its preprocessed cases shared through {@code cache}. */
    public ExperimentContext withStageCache(StageCache cache) {
        return new ExperimentContext(dataset, layout, plans, split, cache);
    }

    /**
     * Preprocessing of the stage a configuration trains on, through the shared cache when there is
     * one, else through the experiment's own {@code cache/} folder.
     */
    public StagePreprocessing preprocessing(Configuration configuration) throws IOException {
        if (stageCache == null) {
            return new StagePreprocessing(dataset, plans, configuration, DatasetDigest.of(dataset),
                    new PreprocessedCaseStore(layout.cache()), null);
        }
        return new StagePreprocessing(dataset, plans, configuration, stageCache.datasetDigest(dataset),
                stageCache.localStore(), stageCache);
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
