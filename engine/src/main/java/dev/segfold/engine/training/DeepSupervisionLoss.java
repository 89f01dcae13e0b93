package dev.segfold.engine.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/** Weighted sum of a {@link DiceCrossEntropyLoss} over the deep-supervision outputs (MultipleOutputLoss2). */
public record DeepSupervisionLoss(DiceCrossEntropyLoss loss, double[] weights) {

    /** Outputs with weight 0 are skipped, as nnU-Net does, so they get no gradient at all. */
    public NDArray compute(NDList outputs, NDList oneHotTargets) {
        NDArray total = null;
        for (int i = 0; i < outputs.size(); i++) {
            if (weights[i] == 0) {
                continue;
            }
            NDArray term = loss.compute(outputs.get(i), oneHotTargets.get(i)).mul((float) weights[i]);
            total = total == null ? term : total.add(term);
        }
        if (total == null) {
            throw new IllegalStateException("every deep-supervision weight is 0");
        }
        return total;
    }
}
