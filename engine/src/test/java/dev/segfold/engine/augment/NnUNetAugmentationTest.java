package dev.segfold.engine.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.engine.image.Volume;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NnUNetAugmentationTest {
    private static final int[] PATCH = {40, 56, 40};
    private static final int[] LOADER = {73, 80, 64};

    @Test
    void trainingStepsRunInNnUNetOrder() {
        AugmentationSettings s = new AugmentationSettings(PATCH, false, new boolean[] {true}, new int[] {1, 2});
        List<Class<?>> order = NnUNetAugmentation.training(s).steps().stream()
                .<Class<?>>map(Object::getClass).toList();
        assertEquals(List.of(SpatialTransform.class, GaussianNoise.class, GaussianBlur.class,
                BrightnessMultiplicative.class, ContrastAugmentation.class, SimulateLowResolution.class,
                GammaAugmentation.class, GammaAugmentation.class, Mirror.class, MaskOutsideNonzero.class,
                RemoveLabel.class, PreviousStageOneHot.class, RandomBinaryOperator.class), order);
        List<Class<?>> plain = NnUNetAugmentation.training(AugmentationSettings.of(PATCH, false, new boolean[] {false}))
                .steps().stream().<Class<?>>map(Object::getClass).toList();
        assertEquals(11, plain.size(), "no cascade steps without cascade labels");
    }

    @Test
    void validationOnlyRemovesMinusOneAndAppendsTheCascadeOneHot() {
        AugmentationSettings s = new AugmentationSettings(PATCH, false, new boolean[] {true}, new int[] {1, 2});
        List<Class<?>> order = NnUNetAugmentation.validation(s).steps().stream()
                .<Class<?>>map(Object::getClass).toList();
        assertEquals(List.of(RemoveLabel.class, PreviousStageOneHot.class), order);
    }

    @Test
    void trainingOutputHasPatchShapeValidLabelsAndIsReproducible() {
        AugmentationSettings settings = AugmentationSettings.of(PATCH, false, new boolean[] {true});
        AugmentationPipeline p = NnUNetAugmentation.training(settings);
        Volume data = Volumes.smooth(LOADER);
        Volume seg = Volumes.labels(LOADER);
        long totalNanos = 0;
        int runs = 12;
        for (int seed = 0; seed < runs; seed++) {
            Sample a = new Sample(new Volume[] {data.copy()}, new Volume[] {seg.copy()});
            Sample b = a.copy();
            long t0 = System.nanoTime();
            p.apply(a, new SplittableRandom(seed));
            totalNanos += System.nanoTime() - t0;
            p.apply(b, new SplittableRandom(seed));
            assertArrayEquals(PATCH, a.shape());
            assertArrayEquals(a.data()[0].data(), b.data()[0].data(), "same generator, same result");
            assertArrayEquals(a.seg()[0].data(), b.seg()[0].data());
            for (float f : a.seg()[0].data()) {
                assertTrue(f >= 0 && f <= 3 && f == Math.rint(f), "label " + f);
            }
        }
        System.out.printf("nnU-Net augmentation of a %s patch from %s: %.1f ms mean over %d runs%n",
                java.util.Arrays.toString(PATCH), java.util.Arrays.toString(LOADER), totalNanos / 1e6 / runs, runs);
    }

    @Test
    void dummy2DPipelineKeepsSlicesAndShape() {
        int[] patch = {6, 32, 32};
        int[] loader = {6, 45, 45};
        AugmentationPipeline p = NnUNetAugmentation.training(AugmentationSettings.of(patch, true, new boolean[] {false}));
        for (int seed = 0; seed < 8; seed++) {
            Sample s = new Sample(new Volume[] {Volumes.smooth(loader)}, new Volume[] {Volumes.labels(loader)});
            p.apply(s, new SplittableRandom(seed));
            assertArrayEquals(patch, s.shape());
        }
    }
}
