package dev.segfold.engine.sampling;

import dev.segfold.engine.image.Volume;
import dev.segfold.engine.preprocess.PreprocessedCase;
import java.util.Arrays;

/**
 * A case the sampler can cut training patches from.
 *
 * @param preprocessed the preprocessed case; its segmentation is required
 * @param previousStage cascade only: the previous stage's label map at the preprocessed shape,
 *     null otherwise
 */
public record TrainingCase(PreprocessedCase preprocessed, Volume previousStage) {
    public TrainingCase {
        if (preprocessed.seg() == null) {
            throw new IllegalArgumentException("case " + preprocessed.caseId() + " has no segmentation to train on");
        }
        if (preprocessed.data().length == 0) {
            throw new IllegalArgumentException("case " + preprocessed.caseId() + " has no data channels");
        }
        int[] shape = preprocessed.seg().shape();
        for (Volume v : preprocessed.data()) {
            if (!Arrays.equals(v.shape(), shape)) {
                throw new IllegalArgumentException("case " + preprocessed.caseId() + ": data channel " + v
                        + " does not match the segmentation shape " + Arrays.toString(shape));
            }
        }
        if (previousStage != null && !Arrays.equals(previousStage.shape(), shape)) {
            throw new IllegalArgumentException("case " + preprocessed.caseId() + ": previous-stage map "
                    + previousStage + " does not match the segmentation shape " + Arrays.toString(shape));
        }
    }

    /** A non-cascade case. */
    public static TrainingCase of(PreprocessedCase preprocessed) {
        return new TrainingCase(preprocessed, null);
    }

    public String caseId() {
        return preprocessed.caseId();
    }

    public int[] shape() {
        return preprocessed.seg().shape();
    }
}
