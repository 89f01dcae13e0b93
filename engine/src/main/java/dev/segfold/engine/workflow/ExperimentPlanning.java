package dev.segfold.engine.workflow;

import dev.segfold.engine.dataset.CaseFiles;
import dev.segfold.engine.dataset.LoadedCase;
import dev.segfold.engine.dataset.MsdDataset;
import dev.segfold.engine.plan.CaseAnalysis;
import dev.segfold.engine.plan.CaseFingerprinter;
import dev.segfold.engine.plan.DatasetFingerprint;
import dev.segfold.engine.plan.ExperimentPlanner;
import dev.segfold.engine.plan.FingerprintAggregator;
import dev.segfold.engine.plan.PlanOverrides;
import dev.segfold.engine.plan.Plans;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Fingerprints every training case of a data set and plans the experiment (nnU-Net's plan step). */
public final class ExperimentPlanning {
    private ExperimentPlanning() {}

    public static Plans plan(MsdDataset dataset, PlanOverrides overrides) throws IOException {
        boolean ct = DatasetFingerprint.anyCt(dataset.descriptor().modalities());
        List<CaseAnalysis> analyses = new ArrayList<>();
        for (CaseFiles files : dataset.trainingCases()) {
            LoadedCase loaded = dataset.load(files);
            analyses.add(CaseFingerprinter.analyze(loaded.raw(), ct));
        }
        DatasetFingerprint fingerprint = FingerprintAggregator.aggregate(analyses,
                dataset.descriptor().modalities(), dataset.descriptor().foregroundLabels());
        return new ExperimentPlanner().plan(fingerprint, overrides == null ? PlanOverrides.NONE : overrides);
    }
}
