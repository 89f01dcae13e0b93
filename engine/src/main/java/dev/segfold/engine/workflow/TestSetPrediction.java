package dev.segfold.engine.workflow;

import dev.segfold.engine.dataset.CaseFiles;
import dev.segfold.engine.dataset.MsdDataset;
import dev.segfold.engine.image.Volume;
import dev.segfold.engine.nifti.NiftiImage;
import dev.segfold.engine.nifti.NiftiWriter;
import dev.segfold.engine.plan.Configuration;
import dev.segfold.engine.plan.Plans;
import dev.segfold.engine.postprocess.PostprocessingPlan;
import dev.segfold.engine.preprocess.PreprocessedCase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Predicts a set of unlabelled cases with the softmax-averaged ensemble of trained folds, applies
 * the cross-validated postprocessing and writes one NIfTI per case in its input's geometry.
 */
public final class TestSetPrediction {
    private TestSetPrediction() {}

    /** @return the files written, one per case, named {@code <case>.nii.gz} */
    public static List<Path> run(MsdDataset dataset, Plans plans, Configuration configuration,
            StagePreprocessing preprocessing, List<CaseFiles> cases, List<Path> checkpoints,
            PostprocessingPlan postprocessing, Path outFolder, CaseSegmenter.Settings settings) throws IOException {
        return run(dataset, plans, configuration, preprocessing, cases, checkpoints, null, postprocessing, outFolder,
                settings);
    }

    /**
     * Predicts the cases; for {@code 3d_cascade_fullres} the low-res ensemble predicts each case
     * first and its labels become the extra input channels of the cascade's folds.
     *
     * @param lowres the cascade's first-stage ensemble; required for the cascade, else ignored
     */
    public static List<Path> run(MsdDataset dataset, Plans plans, Configuration configuration,
            StagePreprocessing preprocessing, List<CaseFiles> cases, List<Path> checkpoints, LowresEnsemble lowres,
            PostprocessingPlan postprocessing, Path outFolder, CaseSegmenter.Settings settings) throws IOException {
        boolean cascade = configuration == Configuration.CASCADE_FULLRES_3D;
        if (cascade && lowres == null) {
            throw new IllegalArgumentException(configuration.id()
                    + " predicts on the low-res ensemble's output, and no low-res folds were given");
        }
        int[] cascadeLabels = CascadeInput.foregroundLabels(plans);
        Files.createDirectories(outFolder);
        List<Path> written = new ArrayList<>();
        try (CaseSegmenter segmenter = new CaseSegmenter(plans, plans.stage(configuration), checkpoints, settings)) {
            for (CaseFiles files : cases) {
                PreprocessedInput input = preprocessing.input(files);
                PreprocessedCase pc = input.preprocessed();
                if (cascade) {
                    pc = CascadeInput.withPreviousStage(pc, lowres.labels(files, pc.data()[0].shape()), cascadeLabels);
                }
                Volume labels = segmenter.segment(pc);
                postprocessing.applyInPlace(labels, FoldValidation.voxelVolume(input.loaded().raw().spacing()));
                Path out = outFolder.resolve(files.caseId() + ".nii.gz");
                NiftiWriter.write(out, NiftiImage.labelsLike(input.loaded().imageHeader(), labels));
                written.add(out);
            }
        }
        return written;
    }
}
