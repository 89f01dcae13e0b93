package dev.segfold.engine.preprocess;

import dev.segfold.engine.image.Volume;
import dev.segfold.engine.resample.Interpolation;
import dev.segfold.engine.resample.VolumeResizer;
import java.util.Arrays;

/**
 * The cascade's hand-over (nnU-Net's {@code predict_next_stage}, steps 2-3): a low-resolution
 * stage's softmax resized per channel with order 1 (no separate z) to the next stage's
 * preprocessed shape, then argmax to labels.
 */
public final class NextStageLabels {
    private NextStageLabels() {}

    /** Labels 0..K-1 of shape {@code targetShape} from the softmax {@code [K]} of the lower stage. */
    public static Volume fromSoftmax(Volume[] softmax, int[] targetShape) {
        Volume[] resized = new Volume[softmax.length];
        for (int k = 0; k < softmax.length; k++) {
            resized[k] = Arrays.equals(softmax[k].shape(), targetShape)
                    ? softmax[k]
                    : VolumeResizer.resize(softmax[k], targetShape, Interpolation.LINEAR);
        }
        return SoftmaxArgmax.argmax(resized);
    }
}
