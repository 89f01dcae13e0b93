package dev.segfold.engine.augment;

import java.util.List;
import java.util.SplittableRandom;

/** Several augmentations applied in order, one generator threaded through all of them. */
public final class AugmentationPipeline implements Augmentation {
    private final List<Augmentation> steps;

    public AugmentationPipeline(List<Augmentation> steps) {
        this.steps = List.copyOf(steps);
    }

    /** The steps in the order they run. */
    public List<Augmentation> steps() {
        return steps;
    }

    @Override
    public void apply(Sample sample, SplittableRandom rng) {
        for (Augmentation step : steps) {
            step.apply(sample, rng);
        }
    }
}
