package dev.segfold.engine.inference;

import dev.segfold.engine.image.Volume;
import java.util.Arrays;

/**
 * Turns class probabilities into a label map: per voxel the class with the highest probability,
 * the lowest class index on ties (numpy's {@code argmax(0)}).
 */
public final class Argmax {
    private Argmax() {}

    /** Label volume of {@code probabilities} (one volume per class, all of one shape). */
    public static Volume of(Volume[] probabilities) {
        if (probabilities == null || probabilities.length == 0) {
            throw new IllegalArgumentException("argmax needs at least one class volume");
        }
        int[] shape = probabilities[0].shape();
        for (int k = 1; k < probabilities.length; k++) {
            if (!Arrays.equals(shape, probabilities[k].shape())) {
                throw new IllegalArgumentException("class " + k + " has shape "
                        + Arrays.toString(probabilities[k].shape()) + " but class 0 has " + Arrays.toString(shape));
            }
        }
        int n = probabilities[0].size();
        float[] labels = new float[n];
        float[] best = probabilities[0].data().clone();
        for (int k = 1; k < probabilities.length; k++) {
            float[] p = probabilities[k].data();
            for (int i = 0; i < n; i++) {
                if (p[i] > best[i]) {
                    best[i] = p[i];
                    labels[i] = k;
                }
            }
        }
        return new Volume(shape, labels);
    }
}
