package dev.segfold.engine.preprocess;

import dev.segfold.engine.image.Volume;
import java.util.Arrays;

/** Label map from per-class probabilities: numpy {@code argmax(0)}, the first class wins a tie. */
public final class SoftmaxArgmax {
    private SoftmaxArgmax() {}

    /** The index of the largest of {@code probabilities[k]} at every voxel. */
    public static Volume argmax(Volume[] probabilities) {
        if (probabilities == null || probabilities.length == 0) {
            throw new IllegalArgumentException("softmax needs at least one class channel");
        }
        int[] shape = probabilities[0].shape();
        for (Volume p : probabilities) {
            if (!Arrays.equals(shape, p.shape())) {
                throw new IllegalArgumentException("softmax channels differ in shape: " + Arrays.toString(shape)
                        + " vs " + Arrays.toString(p.shape()));
            }
        }
        float[] out = new float[probabilities[0].size()];
        float[] best = probabilities[0].data().clone();
        for (int k = 1; k < probabilities.length; k++) {
            float[] p = probabilities[k].data();
            for (int i = 0; i < out.length; i++) {
                if (p[i] > best[i]) {
                    best[i] = p[i];
                    out[i] = k;
                }
            }
        }
        return new Volume(shape, out);
    }
}
