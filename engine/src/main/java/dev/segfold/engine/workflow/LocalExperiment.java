package dev.segfold.engine.workflow;

import dev.segfold.engine.dataset.MsdDataset;
import dev.segfold.engine.plan.Configuration;
import dev.segfold.engine.plan.PlanOverrides;
import dev.segfold.engine.plan.Plans;
import dev.segfold.engine.postprocess.PostprocessingResult;
import dev.segfold.engine.preprocess.PreprocessedCase;
import dev.segfold.engine.split.CrossValidationSplit;
import dev.segfold.engine.split.FoldSplit;
import dev.segfold.engine.training.IterationFit;
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
 *
 * <p>A {@code 3d_cascade_fullres} experiment first trains and validates all five {@code 3d_lowres}
 * folds, each predicting its validation cases for the next stage (every case needs an
 * out-of-fold map), then trains the requested cascade folds on those maps; test cases go through
 * the low-res ensemble, then the cascade ensemble.
 */
public final class LocalExperiment {
    /**
     * What to run.
     *
     * @param dataset MSD data-set folder
     * @param workDir experiment folder (see {@link ExperimentLayout})
     * @param configuration nnU-Net configuration
     * @param folds folds to train, each 0..4 (for a cascade: the second stage's folds)
     * @param overrides plan overrides (smaller network for CPU runs)
     * @param training iterations, intervals, seed
     * @param inference sliding-window settings
     * @param predictTest whether to predict the data set's test cases
     * @param lowresTraining a cascade's first-stage settings; null for the same as {@code training}
     */
    public record Request(Path dataset, Path workDir, Configuration configuration, List<Integer> folds,
            PlanOverrides overrides, FoldTraining.Settings training, CaseSegmenter.Settings inference,
            boolean predictTest, FoldTraining.Settings lowresTraining) {
        public Request(Path dataset, Path workDir, Configuration configuration, List<Integer> folds,
                PlanOverrides overrides, FoldTraining.Settings training, CaseSegmenter.Settings inference,
                boolean predictTest) {
            this(dataset, workDir, configuration, folds, overrides, training, inference, predictTest, null);
        }
    }

    /**
     * What the experiment produced.
     *
     * @param plans the plans used
     * @param folds fold to its validation result
     * @param crossValidation postprocessing chosen on the pooled validation predictions
     * @param testPredictions one NIfTI per test case
     * @param lowresFolds a cascade's first-stage folds and their validation; empty otherwise
     */
    public record Outcome(Plans plans, Map<Integer, FoldValidation.Result> folds,
            PostprocessingResult crossValidation, List<Path> testPredictions,
            Map<Integer, FoldValidation.Result> lowresFolds) {}

    /** The cascade's first stage trains every fold, so every case gets an out-of-fold prediction. */
    private static final List<Integer> ALL_FOLDS = List.of(0, 1, 2, 3, 4);

    private LocalExperiment() {}

    public static Outcome run(Request request, ExperimentListener listener) throws IOException, InterruptedException {
        ExperimentContext context = ExperimentContext.open(MsdDataset.open(request.dataset()),
                new ExperimentLayout(request.workDir()), request.overrides(), listener);
        MsdDataset dataset = context.dataset();
        ExperimentLayout layout = context.layout();
        Plans plans = context.plans();
        Configuration configuration = request.configuration();
        boolean cascade = configuration == Configuration.CASCADE_FULLRES_3D;

        Map<Integer, FoldValidation.Result> lowresResults = new LinkedHashMap<>();
        List<Path> lowresCheckpoints = new ArrayList<>();
        PreviousStageMaps previousStage = null;
        if (cascade) {
            Configuration low = Configuration.LOWRES_3D;
            StagePreprocessing lowPre = preprocessAll(context, low, listener);
            StagePreprocessing fullPre = preprocessAll(context, configuration, listener);
            FoldTraining.Settings settings = request.lowresTraining() == null ? request.training()
                    : request.lowresTraining();
            Plans lowPlans = null;
            for (int fold : ALL_FOLDS) {
                FoldSplit f = context.split().fold(fold);
                TrainedFold trained = trainAndValidate(context, low, fold, lowPre, null, settings, lowPlans, request,
                        listener);
                lowPlans = trained.plans();
                lowresResults.put(fold, trained.validation());
                lowresCheckpoints.add(trained.checkpoint());
                listener.onStep("fold " + fold + " of " + low.id() + ": predicting " + f.val().size()
                        + " validation cases for the next stage");
                NextStagePrediction.run(plans, lowPre, fullPre, f.val(), trained.checkpoint(),
                        layout.nextStage(low), request.inference());
            }
            previousStage = PreviousStageMaps.folder(layout.nextStage(low));
        }

        StagePreprocessing preprocessing = preprocessAll(context, configuration, listener);
        Map<Integer, FoldValidation.Result> results = new LinkedHashMap<>();
        Map<Integer, Path> validationFolders = new LinkedHashMap<>();
        Map<Integer, List<String>> foldCases = new LinkedHashMap<>();
        List<Path> finalCheckpoints = new ArrayList<>();
        Plans runPlans = null;
        for (int fold : request.folds()) {
            TrainedFold trained = trainAndValidate(context, configuration, fold, preprocessing, previousStage,
                    request.training(), runPlans, request, listener);
            runPlans = trained.plans();
            finalCheckpoints.add(trained.checkpoint());
            results.put(fold, trained.validation());
            validationFolders.put(fold, trained.validation().folder());
            foldCases.put(fold, context.split().fold(fold).val());
        }
        PostprocessingResult cv = CrossValidationConsolidation.run(dataset, plans, validationFolders, foldCases,
                layout.crossValidation(configuration), true);
        listener.onStep("postprocessing chosen on " + cv.numSamples() + " validation cases: "
                + cv.plan().forWhichClasses());
        List<Path> test = List.of();
        if (request.predictTest() && !dataset.testCases().isEmpty()) {
            listener.onStep("predicting " + dataset.testCases().size() + " test cases with the ensemble of folds "
                    + request.folds() + (cascade ? " on the low-res ensemble of folds " + ALL_FOLDS : ""));
            try (LowresEnsemble lowres = cascade ? new LowresEnsemble(plans,
                    context.preprocessing(Configuration.LOWRES_3D), lowresCheckpoints, request.inference()) : null) {
                test = TestSetPrediction.run(dataset, plans, configuration, preprocessing, dataset.testCases(),
                        finalCheckpoints, lowres, cv.plan(), layout.ensemble(), request.inference());
            }
        }
        return new Outcome(plans, results, cv, test, lowresResults);
    }

    /** @param plans the plans the fold trained with (a time budget may have chosen its network) */
    private record TrainedFold(Path checkpoint, FoldValidation.Result validation, Plans plans) {}

    private static StagePreprocessing preprocessAll(ExperimentContext context, Configuration configuration,
            ExperimentListener listener) throws IOException {
        StagePreprocessing preprocessing = context.preprocessing(configuration);
        List<String> cases = context.dataset().trainingCaseIds();
        listener.onStep("preprocessing " + cases.size() + " cases for " + configuration.id());
        preprocessing.trainingCases(cases);
        return preprocessing;
    }

    private static TrainedFold trainAndValidate(ExperimentContext context, Configuration configuration, int fold,
            StagePreprocessing preprocessing, PreviousStageMaps previousStage, FoldTraining.Settings settings,
            Plans earlierFold, Request request, ExperimentListener listener) throws IOException, InterruptedException {
        CrossValidationSplit split = context.split();
        ExperimentLayout layout = context.layout();
        FoldSplit f = split.fold(fold);
        String name = "fold " + fold + (configuration == request.configuration() ? "" : " of " + configuration.id());
        List<PreprocessedCase> cases = preprocessing.trainingCases(f.train());
        Path folder = layout.checkpoints(configuration, fold);
        List<PreprocessedCase> validationCases = settings.validates() ? preprocessing.trainingCases(f.val()) : List.of();
        // the folds of a run train one network: the first fold's choice under a time budget holds for the rest
        FoldTraining.Fitted fitted = FoldTraining.fitted(earlierFold == null ? context.plans() : earlierFold,
                configuration, cases, previousStage, folder, settings,
                earlierFold == null && request.overrides().leavesNetworkOpen());
        if (fitted.fit() != null) {
            IterationFit fit = fitted.fit();
            listener.onStep(String.format("%s: %d iterations of base %d, batch %d fit the time budget of %ds (warm-up "
                    + "%.1f s, %.0f ms an iteration)", name, fit.iterations(), fitted.plans().baseNumFeatures(),
                    fitted.plans().stage(configuration).batchSize(), fit.budget().toSeconds(),
                    fit.warmup().toMillis() / 1000.0, fit.msPerIteration()));
        }
        settings = fitted.settings();
        listener.onStep(name + ": training on " + f.train().size() + " cases, " + settings.iterations() + " iterations");
        TrainingListener progress = new TrainingListener() {
            @Override
            public void onProgress(TrainingProgress p) {
                listener.onTraining(fold, p);
            }

            @Override
            public void onIterationsRefitted(IterationFit fit) {
                listener.onStep(name + ": " + fit.refitSummary());
            }
        };
        TrainingOutcome outcome = FoldTraining.run(fitted.plans(), configuration, cases, validationCases,
                previousStage, folder, settings, fitted.refit(), progress, () -> false);
        listener.onStep(name + ": validating " + f.val().size() + " cases");
        FoldValidation.Result r = FoldValidation.run(context.dataset(), context.plans(), configuration, preprocessing,
                f.val(), previousStage, outcome.lastCheckpoint(), layout.validation(configuration, fold),
                request.inference());
        listener.onStep(String.format("%s: mean foreground Dice %.4f", name, r.summary().foregroundMeanDice()));
        return new TrainedFold(outcome.lastCheckpoint(), r, fitted.plans());
    }
}
