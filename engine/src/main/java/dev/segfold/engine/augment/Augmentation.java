package dev.segfold.engine.augment;

import java.util.SplittableRandom;

/**
 * One step of patch augmentation (a batchgenerators transform applied to a single sample). An
 * augmentation changes the sample in place and takes every random decision from {@code rng}, so
 * the same input and generator state always give the same output.
 */
@FunctionalInterface
public interface Augmentation {
    /** Augments {@code sample} in place. */
    void apply(Sample sample, SplittableRandom rng);
}
