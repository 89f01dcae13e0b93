package dev.segfold.engine.sampling;

import dev.segfold.engine.augment.Augmentation;
import dev.segfold.engine.augment.Sample;
import dev.segfold.engine.image.Volume;
import dev.segfold.engine.training.TrainingBatch;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Builds batch number k: draws {@code batchSize} cases with replacement, cuts a loader patch from
 * each (forcing foreground per {@link ForegroundOversampling}), augments it and packs the batch.
 * Every random decision comes from a generator seeded by (seed, k) alone, split once per sample,
 * so {@link #build} is a pure function of k and safe to call from several threads at once.
 */
public final class BatchBuilder {
    private final List<TrainingCase> cases;
    private final SamplingSettings settings;
    private final PatchSampler sampler;
    private final Augmentation augmentation;
    private final long seed;

    public BatchBuilder(List<TrainingCase> cases, SamplingSettings settings, Augmentation augmentation, long seed) {
        if (cases.isEmpty()) {
            throw new IllegalArgumentException("no training cases to sample batches from");
        }
        this.cases = List.copyOf(cases);
        this.settings = settings;
        this.sampler = new PatchSampler(settings);
        this.augmentation = augmentation;
        this.seed = seed;
    }

    /** Batch number {@code k}. */
    public TrainingBatch build(long k) {
        SplittableRandom rng = new SplittableRandom(batchSeed(seed, k));
        int b = settings.batchSize();
        int[] chosen = new int[b];
        for (int j = 0; j < b; j++) {
            chosen[j] = rng.nextInt(cases.size());
        }
        int[] patch = settings.patchSize();
        int voxels = patch[0] * patch[1] * patch[2];
        float[] data = null;
        float[] target = new float[b * voxels];
        int channels = -1;
        for (int j = 0; j < b; j++) {
            SplittableRandom sampleRng = rng.split();
            TrainingCase c = cases.get(chosen[j]);
            boolean force = ForegroundOversampling.isForced(j, b, settings.oversampleForeground());
            Sample s = sampler.sample(c, force, sampleRng);
            augmentation.apply(s, sampleRng);
            if (!Arrays.equals(s.shape(), patch)) {
                throw new IllegalStateException("augmented sample of case " + c.caseId() + " has shape "
                        + Arrays.toString(s.shape()) + ", the batch needs " + Arrays.toString(patch)
                        + " (does the augmentation crop to the patch?)");
            }
            if (data == null) {
                channels = s.data().length;
                data = new float[b * channels * voxels];
            } else if (s.data().length != channels) {
                throw new IllegalStateException("case " + c.caseId() + " gives " + s.data().length
                        + " data channels, earlier samples of the batch gave " + channels);
            }
            Volume[] ch = s.data();
            for (int c2 = 0; c2 < channels; c2++) {
                System.arraycopy(ch[c2].data(), 0, data, (j * channels + c2) * voxels, voxels);
            }
            System.arraycopy(s.seg()[0].data(), 0, target, j * voxels, voxels);
        }
        return new TrainingBatch(b, channels, patch, data, target);
    }

    /** The generator seed of batch {@code k}: both inputs mixed through a 64-bit finaliser. */
    public static long batchSeed(long seed, long k) {
        return mix(mix(seed) + k * 0x9E3779B97F4A7C15L);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
