package dev.segfold.engine.workflow;

import dev.segfold.engine.dataset.MsdDataset;
import dev.segfold.engine.plan.Configuration;
import dev.segfold.engine.plan.PlanOverrides;
import dev.segfold.engine.plan.Plans;
import dev.segfold.engine.postprocess.PostprocessingResult;
import dev.segfold.engine.split.CrossValidationSplit;
import dev.segfold.engine.split.FoldSplit;
import dev.segfold.engine.training.TrainingListener;
import dev.segfold.engine.training.TrainingOutcome;
import dev.segfold.engine.training.TrainingProgress;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole K-fold experiment on one machine, without services: plan, preprocess, train and
 * validate each requested fold, choose postprocessing on the pooled validation predictions, and
 * predict the test cases with the ensemble of the folds. What {@code ./segfold engine run} and the
 * demo do, and what the services do step by step across machines.
 */
public final class LocalExperiment {
    /**
     * What to run.
     *
     * @param dataset MSD data-set folder
     * @param workDir experiment folder (see {@link ExperimentLayout})
     * @param configuration nnU-Net configuration
     * @param folds folds to train, each 0..4
     * @param overrides plan overrides (smaller network for CPU runs)
     * @param training iterations, intervals, seed
     * @param inference sliding-window settings
     * @param predictTest whether to predict the data set's test cases
     */
    public record Request(Path dataset, Path workDir, Configuration configuration, List<Integer> folds,
            PlanOverrides overrides, FoldTraining.Settings training, CaseSegmenter.Settings inference,
            boolean predictTest) {}

    /**
     * What the experiment produced.
     *
     * @param plans the plans used
     * @param folds fold to its validation result
     * @param crossValidation postprocessing chosen on the pooled validation predictions
     * @param testPredictions one NIfTI per test case
     */
    public record Outcome(Plans plans, Map<Integer, FoldValidation.Result> folds,
            PostprocessingResult crossValidation, List<Path> testPredictions) {}

    private LocalExperiment() {}

    public static Outcome run(Request request, ExperimentListener listener) throws IOException, InterruptedException {
        ExperimentContext context = ExperimentContext.open(MsdDataset.open(request.dataset()),
                new ExperimentLayout(request.workDir()), request.overrides(), listener);
        MsdDataset dataset = context.dataset();
        ExperimentLayout layout = context.layout();
        Plans plans = context.plans();
        CrossValidationSplit split = context.split();
        Configuration configuration = request.configuration();
        StagePreprocessing preprocessing = context.preprocessing(configuration);
        listener.onStep("preprocessing " + dataset.trainingCaseIds().size() + " cases for " + configuration.id());
        preprocessing.trainingCases(dataset.trainingCaseIds());

        Map<Integer, FoldValidation.Result> results = new LinkedHashMap<>();
        Map<Integer, Path> validationFolders = new LinkedHashMap<>();
        Map<Integer, List<String>> foldCases = new LinkedHashMap<>();
        List<Path> finalCheckpoints = new ArrayList<>();
        for (int fold : request.folds()) {
            FoldSplit f = split.fold(fold);
            listener.onStep("fold " + fold + ": training on " + f.train().size() + " cases, "
                    + request.training().iterations() + " iterations");
            TrainingListener progress = new TrainingListener() {
                @Override
                public void onProgress(TrainingProgress p) {
                    listener.onTraining(fold, p);
                }
            };
            TrainingOutcome outcome = FoldTraining.run(plans, configuration, preprocessing.trainingCases(f.train()),
                    layout.checkpoints(configuration, fold), request.training(), progress, () -> false);
            finalCheckpoints.add(outcome.lastCheckpoint());
            listener.onStep("fold " + fold + ": validating " + f.val().size() + " cases");
            FoldValidation.Result r = FoldValidation.run(dataset, plans, configuration, preprocessing, f.val(),
                    outcome.lastCheckpoint(), layout.validation(configuration, fold), request.inference());
            listener.onStep(String.format("fold %d: mean foreground Dice %.4f", fold, r.summary().foregroundMeanDice()));
            results.put(fold, r);
            validationFolders.put(fold, r.folder());
            foldCases.put(fold, f.val());
        }
        PostprocessingResult cv = CrossValidationConsolidation.run(dataset, plans, validationFolders, foldCases,
                layout.crossValidation(configuration));
        listener.onStep("postprocessing chosen on " + cv.numSamples() + " validation cases: "
                + cv.plan().forWhichClasses());
        List<Path> test = List.of();
        if (request.predictTest() && !dataset.testCases().isEmpty()) {
            listener.onStep("predicting " + dataset.testCases().size() + " test cases with the ensemble of folds "
                    + request.folds());
            test = TestSetPrediction.run(dataset, plans, configuration, preprocessing, dataset.testCases(),
                    finalCheckpoints, cv.plan(), layout.ensemble(), request.inference());
        }
        return new Outcome(plans, results, cv, test);
    }
}
