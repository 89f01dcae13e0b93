package dev.segfold.engine.training;

import ai.djl.ndarray.NDArray;

/**
 * nnU-Net's DC_and_CE_loss: mean cross-entropy plus the negative mean soft Dice over the
 * foreground classes (do_bg = false), weights 1 and 1. With {@code p = softmax(logits)},
 * {@code dc = (2 tp + smooth) / (2 tp + fp + fn + smooth + 1e-8)}; 2tp + fp + fn equals
 * sum(p) + sum(y), which is how it is computed here. Sums run over space, and over the batch too
 * when {@code batchDice} is on.
 */
public record DiceCrossEntropyLoss(boolean batchDice, float smooth) {
    public static final float DEFAULT_SMOOTH = 1e-5f;

    public static DiceCrossEntropyLoss of(boolean batchDice) {
        return new DiceCrossEntropyLoss(batchDice, DEFAULT_SMOOTH);
    }

    /**
     * @param logits (N, K, z, y, x)
     * @param oneHot (N, K, z, y, x), 0/1, no gradient
     * @return scalar loss
     */
    public NDArray compute(NDArray logits, NDArray oneHot) {
        if (!logits.getShape().equals(oneHot.getShape())) {
            throw new IllegalArgumentException(
                    "logits " + logits.getShape() + " and one-hot target " + oneHot.getShape() + " differ in shape");
        }
        long n = logits.getShape().get(0);
        long voxels = logits.getShape().size() / (n * logits.getShape().get(1));
        NDArray logp = logits.logSoftmax(1);
        NDArray ce = logp.mul(oneHot).sum().neg().div((float) (n * voxels));
        NDArray p = logp.exp();
        int[] axes = batchDice ? new int[] {0, 2, 3, 4} : new int[] {2, 3, 4};
        NDArray tp = p.mul(oneHot).sum(axes);
        NDArray denominator = p.sum(axes).add(oneHot.sum(axes)).add(smooth + 1e-8f);
        NDArray dc = tp.mul(2f).add(smooth).div(denominator);
        NDArray foreground = batchDice ? dc.get("1:") : dc.get(":, 1:");
        return ce.sub(foreground.mean());
    }
}
