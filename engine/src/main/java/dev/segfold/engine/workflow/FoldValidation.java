package dev.segfold.engine.workflow;

import dev.segfold.engine.dataset.CaseFiles;
import dev.segfold.engine.dataset.LoadedCase;
import dev.segfold.engine.dataset.MsdDataset;
import dev.segfold.engine.evaluation.CaseEvaluation;
import dev.segfold.engine.evaluation.EvaluationSummary;
import dev.segfold.engine.evaluation.Evaluator;
import dev.segfold.engine.evaluation.SummaryHeader;
import dev.segfold.engine.evaluation.SummaryJson;
import dev.segfold.engine.image.Volume;
import dev.segfold.engine.nifti.NiftiImage;
import dev.segfold.engine.nifti.NiftiWriter;
import dev.segfold.engine.plan.Configuration;
import dev.segfold.engine.plan.Plans;
import dev.segfold.engine.postprocess.PostprocessingCase;
import dev.segfold.engine.postprocess.PostprocessingDecision;
import dev.segfold.engine.postprocess.PostprocessingJson;
import dev.segfold.engine.postprocess.PostprocessingResult;
import dev.segfold.engine.preprocess.PreprocessedCase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Validates a trained fold as nnU-Net's validation does: predicts the fold's validation cases,
 * writes them as NIfTI in the raw geometry, evaluates them (summary.json) and chooses the
 * fold's postprocessing (postprocessing.json).
 */
public final class FoldValidation {
    /** File names in a validation folder. */
    public static final String SUMMARY = "summary.json";
    public static final String POSTPROCESSING = "postprocessing.json";

    /**
     * What validating a fold produced.
     *
     * @param summary evaluation of the raw predictions
     * @param postprocessing the postprocessing choice and its effect
     * @param folder where predictions and json files are
     */
    public record Result(EvaluationSummary summary, PostprocessingResult postprocessing, Path folder) {}

    private FoldValidation() {}

    public static Result run(MsdDataset dataset, Plans plans, Configuration configuration,
            StagePreprocessing preprocessing, List<String> validationCases, Path checkpoint, Path outFolder,
            CaseSegmenter.Settings settings) throws IOException {
        return run(dataset, plans, configuration, preprocessing, validationCases, null, checkpoint, outFolder, settings);
    }

    /**
     * Validates a fold; a {@code 3d_cascade_fullres} fold needs the previous stage's maps of its
     * validation cases (the first stage's predictions of cases it did not train on).
     */
    public static Result run(MsdDataset dataset, Plans plans, Configuration configuration,
            StagePreprocessing preprocessing, List<String> validationCases, PreviousStageMaps previousStage,
            Path checkpoint, Path outFolder, CaseSegmenter.Settings settings) throws IOException {
        return run(dataset, plans, configuration, preprocessing, validationCases, previousStage, checkpoint, outFolder,
                settings, true);
    }

    /**
     * Validates a fold as {@link #run(MsdDataset, Plans, Configuration, StagePreprocessing, List,
     * PreviousStageMaps, Path, Path, CaseSegmenter.Settings)} does.
     *
     * @param postprocessing whether to choose postprocessing; without, postprocessing.json lists no classes
     */
    public static Result run(MsdDataset dataset, Plans plans, Configuration configuration,
            StagePreprocessing preprocessing, List<String> validationCases, PreviousStageMaps previousStage,
            Path checkpoint, Path outFolder, CaseSegmenter.Settings settings, boolean postprocessing)
            throws IOException {
        boolean cascade = configuration == Configuration.CASCADE_FULLRES_3D;
        if (cascade && previousStage == null) {
            throw new IllegalArgumentException(configuration.id()
                    + " validates on the previous stage's predictions, and none were given");
        }
        int[] cascadeLabels = CascadeInput.foregroundLabels(plans);
        Files.createDirectories(outFolder);
        List<Integer> labels = Evaluator.labelsUpTo(plans.numClasses());
        Evaluator evaluator = new Evaluator(labels);
        List<CaseEvaluation> evaluations = new ArrayList<>();
        List<PostprocessingCase> ppCases = new ArrayList<>();
        try (CaseSegmenter segmenter = new CaseSegmenter(plans, plans.stage(configuration), List.of(checkpoint),
                settings)) {
            for (String caseId : validationCases) {
                CaseFiles files = dataset.find(caseId).orElseThrow(
                        () -> new IllegalArgumentException("validation case '" + caseId + "' is not in " + dataset.root()));
                LoadedCase loaded = dataset.load(files);
                PreprocessedCase pc = preprocessing.trainingCase(caseId);
                if (cascade) {
                    pc = CascadeInput.withPreviousStage(pc, previousStage.labels(caseId), cascadeLabels);
                }
                Volume prediction = segmenter.segment(pc);
                Path out = outFolder.resolve(caseId + ".nii.gz");
                NiftiWriter.write(out, NiftiImage.labelsLike(loaded.imageHeader(), prediction));
                evaluations.add(evaluator.evaluate(prediction, loaded.raw().seg(), out.toString(),
                        files.label().toString()));
                ppCases.add(new PostprocessingCase(caseId, prediction, loaded.raw().seg(),
                        voxelVolume(loaded.raw().spacing())));
            }
        }
        EvaluationSummary summary = EvaluationSummary.of(evaluations);
        SummaryJson.write(outFolder.resolve(SUMMARY), summary,
                SummaryHeader.now(dataset.descriptor().name(), "segfold"));
        PostprocessingDecision decision = new PostprocessingDecision(plans.allClasses());
        PostprocessingResult pp = (postprocessing ? decision : decision.disabled()).determine(ppCases);
        PostprocessingJson.write(outFolder.resolve(POSTPROCESSING), pp);
        return new Result(summary, pp, outFolder);
    }

    static double voxelVolume(double[] spacing) {
        return spacing[0] * spacing[1] * spacing[2];
    }
}
