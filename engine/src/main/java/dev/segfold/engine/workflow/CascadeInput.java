package dev.segfold.engine.workflow;

import dev.segfold.engine.augment.PreviousStageOneHot;
import dev.segfold.engine.image.Volume;
import dev.segfold.engine.plan.Plans;
import dev.segfold.engine.preprocess.PreprocessedCase;
import java.util.Arrays;

/**
 * The input of a cascade's second network at inference: the case's data channels followed by one
 * indicator channel per foreground label of the previous stage's prediction (nnU-Net appends the
 * one-hot of labels 1..K, no background channel).
 */
public final class CascadeInput {
    private CascadeInput() {}

    /** Foreground labels 1..K of the plans, the channels the cascade appends. */
    public static int[] foregroundLabels(Plans plans) {
        int[] labels = new int[plans.numClasses()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i + 1;
        }
        return labels;
    }

    /** {@code c} with the one-hot previous stage appended to its data. */
    public static PreprocessedCase withPreviousStage(PreprocessedCase c, Volume previous, int[] labels) {
        int[] shape = c.data()[0].shape();
        if (!Arrays.equals(previous.shape(), shape)) {
            throw new IllegalArgumentException("case " + c.caseId() + ": previous-stage map " + previous
                    + " does not match the preprocessed shape " + Arrays.toString(shape));
        }
        Volume[] onehot = PreviousStageOneHot.oneHot(previous, labels);
        Volume[] data = Arrays.copyOf(c.data(), c.data().length + onehot.length);
        System.arraycopy(onehot, 0, data, c.data().length, onehot.length);
        return new PreprocessedCase(c.caseId(), data, c.seg(), c.properties());
    }
}
