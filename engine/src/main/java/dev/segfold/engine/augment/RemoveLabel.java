package dev.segfold.engine.augment;

import dev.segfold.engine.image.Volume;
import java.util.SplittableRandom;

/**
 * batchgenerators' {@code RemoveLabelTransform}: replaces one label by another in every
 * segmentation channel; nnU-Net uses it to turn the -1 of padding and of the outside of the
 * nonzero mask into background before the loss sees it.
 */
public final class RemoveLabel implements Augmentation {
    private final float label;
    private final float replacement;

    public RemoveLabel(int label, int replacement) {
        this.label = label;
        this.replacement = replacement;
    }

    @Override
    public void apply(Sample sample, SplittableRandom rng) {
        for (Volume v : sample.seg()) {
            float[] a = v.data();
            for (int i = 0; i < a.length; i++) {
                if (a[i] == label) {
                    a[i] = replacement;
                }
            }
        }
    }
}
