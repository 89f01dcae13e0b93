package dev.segfold.engine.workflow;

import dev.segfold.engine.dataset.CaseFiles;
import dev.segfold.engine.image.Volume;
import dev.segfold.engine.plan.Configuration;
import dev.segfold.engine.plan.Plans;
import dev.segfold.engine.preprocess.NextStageLabels;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The first half of cascade inference on new cases: the softmax-averaged ensemble of the low-res
 * folds predicts a case at low resolution, and its labels are resized (per class, order 1) to the
 * case's stage-1 preprocessed shape. Both stages preprocess the same cropped image, so the maps
 * line up exactly; nnU-Net instead reads the exported low-res NIfTI back and resizes it without
 * cropping, which is exact only when the crop is the whole image.
 */
public final class LowresEnsemble implements AutoCloseable {
    private final StagePreprocessing lowres;
    private final CaseSegmenter segmenter;

    /**
     * @param lowres preprocessing of stage 0
     * @param checkpoints the low-res folds' final checkpoints
     */
    public LowresEnsemble(Plans plans, StagePreprocessing lowres, List<Path> checkpoints,
            CaseSegmenter.Settings settings) throws IOException {
        this.lowres = lowres;
        this.segmenter = new CaseSegmenter(plans, plans.stage(Configuration.LOWRES_3D), checkpoints, settings);
    }

    /** The ensemble's labels of {@code files} at {@code targetShape} (the case's stage-1 preprocessed shape). */
    public Volume labels(CaseFiles files, int[] targetShape) throws IOException {
        return NextStageLabels.fromSoftmax(segmenter.softmax(lowres.input(files).preprocessed()), targetShape);
    }

    @Override
    public void close() {
        segmenter.close();
    }
}
