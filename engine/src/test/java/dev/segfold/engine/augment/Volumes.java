package dev.segfold.engine.augment;

import dev.segfold.engine.image.Volume;
import java.util.SplittableRandom;

/** Test volumes. */
final class Volumes {
    private Volumes() {}

    static Volume random(int[] shape, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] a = new float[shape[0] * shape[1] * shape[2]];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) rng.nextGaussian();
        }
        return new Volume(shape, a);
    }

    /** Smooth intensity: a sum of low-frequency sines, so interpolation is accurate. */
    static Volume smooth(int[] shape) {
        Volume v = Volume.zeros(shape);
        for (int z = 0; z < shape[0]; z++) {
            for (int y = 0; y < shape[1]; y++) {
                for (int x = 0; x < shape[2]; x++) {
                    v.set(z, y, x, (float) (Math.sin(0.3 * z) + Math.cos(0.2 * y) * Math.sin(0.25 * x + 1)));
                }
            }
        }
        return v;
    }

    /** Labels 0..3 in blocks and -1 in the first two x columns: every label with sizeable regions. */
    static Volume labels(int[] shape) {
        Volume v = Volume.zeros(shape);
        for (int z = 0; z < shape[0]; z++) {
            for (int y = 0; y < shape[1]; y++) {
                for (int x = 0; x < shape[2]; x++) {
                    v.set(z, y, x, x < 2 ? -1 : (z * 2 / shape[0]) * 2 + (y * 2 / shape[1]));
                }
            }
        }
        return v;
    }

    static float max(float[] a) {
        float m = Float.NEGATIVE_INFINITY;
        for (float f : a) {
            m = Math.max(m, f);
        }
        return m;
    }

    static float min(float[] a) {
        float m = Float.POSITIVE_INFINITY;
        for (float f : a) {
            m = Math.min(m, f);
        }
        return m;
    }
}
