package dev.segfold.engine.workflow;

import dev.segfold.engine.ensemble.LabelNpz;
import dev.segfold.engine.image.Volume;
import dev.segfold.engine.plan.Configuration;
import dev.segfold.engine.plan.Plans;
import dev.segfold.engine.preprocess.NextStageLabels;
import dev.segfold.engine.preprocess.PreprocessedCase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * nnU-Net's {@code predict_next_stage}: after a low-res fold is trained, its validation cases
 * (which that fold never saw) are predicted at low resolution with mirroring, the softmax is
 * resized per class (order 1) to each case's stage-1 preprocessed shape and argmaxed, and the
 * label map is stored as {@code <case>.npz} for the cascade's second stage to train and validate on.
 */
public final class NextStagePrediction {
    private NextStagePrediction() {}

    /** The file name of a case's map: {@code <case>.npz}. */
    public static String fileName(String caseId) {
        return caseId + ".npz";
    }

    /**
     * @param lowres preprocessing of stage 0 ({@code 3d_lowres})
     * @param fullres preprocessing of stage 1 (the cascade's second stage), for the target shapes
     * @param caseIds the fold's validation cases
     * @param checkpoint the low-res fold's final checkpoint
     * @return the files written, in the order of {@code caseIds}
     */
    public static List<Path> run(Plans plans, StagePreprocessing lowres, StagePreprocessing fullres,
            List<String> caseIds, Path checkpoint, Path outFolder, CaseSegmenter.Settings settings) throws IOException {
        Files.createDirectories(outFolder);
        List<Path> written = new ArrayList<>();
        try (CaseSegmenter segmenter = new CaseSegmenter(plans, plans.stage(Configuration.LOWRES_3D),
                List.of(checkpoint), settings)) {
            for (String caseId : caseIds) {
                PreprocessedCase low = lowres.trainingCase(caseId);
                int[] target = fullres.trainingCase(caseId).data()[0].shape();
                Volume labels = NextStageLabels.fromSoftmax(segmenter.softmax(low), target);
                Path out = outFolder.resolve(fileName(caseId));
                LabelNpz.write(out, labels);
                written.add(out);
            }
        }
        return written;
    }
}
