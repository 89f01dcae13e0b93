package dev.segfold.engine.preprocess;

import dev.segfold.engine.dataset.RawCase;
import dev.segfold.engine.image.Volume;
import java.util.Random;

/** Synthetic cases with known geometry: a body (nonzero ellipsoid) holding two labelled blobs. */
final class SyntheticCases {
    private SyntheticCases() {}

    static RawCase bodyWithTwoLabels(String id, int[] shape, double[] spacing, long seed) {
        Random rnd = new Random(seed);
        Volume img = Volume.zeros(shape);
        Volume seg = Volume.zeros(shape);
        double[] c = {shape[0] / 2.0, shape[1] / 2.0 + 1, shape[2] / 2.0 - 1};
        double[] r = {shape[0] * 0.35, shape[1] * 0.38, shape[2] * 0.33};
        for (int z = 0; z < shape[0]; z++) {
            for (int y = 0; y < shape[1]; y++) {
                for (int x = 0; x < shape[2]; x++) {
                    double dz = (z - c[0]) / r[0];
                    double dy = (y - c[1]) / r[1];
                    double dx = (x - c[2]) / r[2];
                    double d = dz * dz + dy * dy + dx * dx;
                    if (d <= 1) {
                        img.set(z, y, x, 100 + 20 * (float) rnd.nextGaussian() + 3 * z);
                        if (d < 0.5 && dx < -0.05) {
                            seg.set(z, y, x, 1);
                        } else if (d < 0.5 && dx > 0.05) {
                            seg.set(z, y, x, 2);
                        }
                    }
                }
            }
        }
        return new RawCase(id, new Volume[] {img}, seg, spacing);
    }

    /** One-hot "softmax" [K] of a label map; -1 counts as background. */
    static Volume[] oneHot(Volume labels, int classes) {
        Volume[] out = new Volume[classes];
        for (int k = 0; k < classes; k++) {
            out[k] = Volume.zeros(labels.shape());
        }
        float[] l = labels.data();
        for (int i = 0; i < l.length; i++) {
            int k = l[i] < 0 ? 0 : (int) l[i];
            out[k].data()[i] = 1f;
        }
        return out;
    }

    static double dice(Volume a, Volume b, int label) {
        long tp = 0;
        long fp = 0;
        long fn = 0;
        for (int i = 0; i < a.size(); i++) {
            boolean x = a.data()[i] == label;
            boolean y = b.data()[i] == label;
            if (x && y) tp++;
            else if (x) fp++;
            else if (y) fn++;
        }
        return 2.0 * tp / (2.0 * tp + fp + fn);
    }
}
