package dev.segfold.engine.training;

import java.util.Random;

/** Deterministic synthetic batches: labels are blobs that correlate with the intensities, so the loss can fall. */
final class TestBatches {
    private TestBatches() {}

    static TrainingBatch batch(int batch, int channels, int[] patch, int classes, long seed) {
        Random r = new Random(seed);
        int v = patch[0] * patch[1] * patch[2];
        float[] data = new float[batch * channels * v];
        float[] target = new float[batch * v];
        for (int b = 0; b < batch; b++) {
            double cz = r.nextDouble() * patch[0], cy = r.nextDouble() * patch[1], cx = r.nextDouble() * patch[2];
            double radius = 2 + r.nextDouble() * patch[2] / 3.0;
            for (int z = 0; z < patch[0]; z++) {
                for (int y = 0; y < patch[1]; y++) {
                    for (int x = 0; x < patch[2]; x++) {
                        int i = (z * patch[1] + y) * patch[2] + x;
                        double dist = Math.sqrt(Math.pow(z - cz, 2) + Math.pow(y - cy, 2) + Math.pow(x - cx, 2));
                        int label = dist < radius / 2 ? Math.min(2, classes - 1) : dist < radius ? 1 : 0;
                        target[b * v + i] = label;
                        for (int c = 0; c < channels; c++) {
                            data[(b * channels + c) * v + i] = (float) (label * (c + 1) + 0.5 * r.nextGaussian());
                        }
                    }
                }
            }
        }
        return new TrainingBatch(batch, channels, patch, data, target);
    }
}
