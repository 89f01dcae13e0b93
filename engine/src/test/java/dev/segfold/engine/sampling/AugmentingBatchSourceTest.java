package dev.segfold.engine.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.engine.augment.AugmentationSettings;
import dev.segfold.engine.training.TrainingBatch;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AugmentingBatchSourceTest {
    private static final int[] PATCH = {12, 16, 12};
    private static final List<TrainingCase> CASES = SyntheticCases.cases(3, new int[] {20, 24, 20});
    private static final AugmentationSettings AUG = AugmentationSettings.of(PATCH, false, new boolean[] {true});

    private static List<TrainingBatch> take(int workers, long start, int n) throws InterruptedException {
        List<TrainingBatch> out = new ArrayList<>();
        try (AugmentingBatchSource src = AugmentingBatchSource.nnUNetTraining(CASES, AUG, 3)
                .optSeed(99).optWorkers(workers).optCapacity(4).optStartBatch(start).build()) {
            for (int i = 0; i < n; i++) {
                out.add(src.next());
            }
        }
        return out;
    }

    @Test
    void oneAndThreeWorkersGiveIdenticalBatches() throws InterruptedException {
        List<TrainingBatch> one = take(1, 0, 8);
        List<TrainingBatch> three = take(3, 0, 8);
        for (int k = 0; k < 8; k++) {
            assertArrayEquals(one.get(k).data(), three.get(k).data(), "batch " + k);
            assertArrayEquals(one.get(k).target(), three.get(k).target(), "batch " + k);
        }
        assertFalse(java.util.Arrays.equals(one.get(0).data(), one.get(1).data()), "batches differ");
    }

    @Test
    void resumedSourceContinuesTheSequence() throws InterruptedException {
        List<TrainingBatch> fromStart = take(2, 0, 6);
        List<TrainingBatch> resumed = take(2, 4, 2);
        assertArrayEquals(fromStart.get(4).data(), resumed.get(0).data());
        assertArrayEquals(fromStart.get(5).target(), resumed.get(1).target());
        BatchBuilder builder = AugmentingBatchSource.nnUNetTraining(CASES, AUG, 3).optSeed(99).batchBuilder();
        assertArrayEquals(builder.build(5).data(), resumed.get(1).data(), "batch k is the builder's batch k");
    }

    @Test
    void closeStopsEveryWorker() throws InterruptedException {
        AugmentingBatchSource src = AugmentingBatchSource.nnUNetTraining(CASES, AUG, 2).optWorkers(3).build();
        src.next();
        List<Thread> workers = src.workers();
        assertEquals(3, workers.size());
        src.close();
        for (Thread t : workers) {
            assertFalse(t.isAlive(), t.getName() + " still alive after close");
        }
        assertThrows(IllegalStateException.class, src::next);
    }

    @Test
    void closeWithoutTakingAnythingAlsoStops() {
        AugmentingBatchSource src = AugmentingBatchSource.nnUNetValidation(CASES, AUG, 2).optWorkers(2).build();
        List<Thread> workers = src.workers();
        src.close();
        workers.forEach(t -> assertFalse(t.isAlive(), t.getName()));
    }

    @Test
    void workerFailureReachesTheTrainer() {
        AugmentingBatchSource src = AugmentingBatchSource.builder(CASES, SamplingSettings.validation(PATCH, 2),
                (sample, rng) -> {
                    throw new IllegalArgumentException("broken augmentation");
                }).optWorkers(2).build();
        try (src) {
            IllegalStateException e = assertThrows(IllegalStateException.class, src::next);
            assertTrue(e.getMessage().contains("broken augmentation"), e.getMessage());
        }
        src.workers().forEach(t -> assertFalse(t.isAlive(), t.getName()));
    }

    @Test
    void validationBatchesHaveFinalPatchesWithoutAugmentation() throws InterruptedException {
        try (AugmentingBatchSource src = AugmentingBatchSource.nnUNetValidation(CASES, AUG, 3).optWorkers(1).build()) {
            TrainingBatch b = src.next();
            assertArrayEquals(PATCH, b.patchShape());
            assertEquals(1, src.nextBatchIndex());
            // no intensity augmentation: every data value comes straight from some case (or padding 0)
            java.util.Set<Float> values = new java.util.HashSet<>();
            for (TrainingCase c : CASES) {
                for (float f : c.preprocessed().data()[0].data()) {
                    values.add(f);
                }
            }
            values.add(0f);
            for (float f : b.data()) {
                assertTrue(values.contains(f), "value " + f + " was not in any case");
            }
        }
    }
}
