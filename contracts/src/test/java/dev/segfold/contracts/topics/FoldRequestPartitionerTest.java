package dev.segfold.contracts.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.contracts.events.FoldId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FoldRequestPartitionerTest {

    private static final FoldRequestPartitioner PARTITIONER = FoldRequestPartitioner.DEFAULT;

    /** The consumer RoundRobinAssignor gives partition p when n consumers share the topic. */
    private static int consumer(int partition, int consumers) {
        return partition % consumers;
    }

    private static List<Integer> partitions(String runId, List<List<Integer>> byStage) {
        List<Integer> partitions = new ArrayList<>();
        for (int stage = 0; stage < byStage.size(); stage++) {
            for (int fold : byStage.get(stage)) {
                partitions.add(PARTITIONER.partition(new FoldId(runId, "3d_fullres", stage, fold), byStage));
            }
        }
        return partitions;
    }

    @Test
    void aRunsFoldsTakeConsecutivePartitionsWithoutWrapping() {
        for (int r = 0; r < 200; r++) {
            String runId = "run-" + r;
            List<Integer> partitions = partitions(runId, List.of(List.of(0, 1, 2, 3, 4)));
            for (int i = 1; i < partitions.size(); i++) {
                assertEquals(partitions.get(i - 1) + 1, partitions.get(i), runId + " " + partitions);
            }
            assertTrue(partitions.get(0) >= 0 && partitions.get(4) < Topics.FOLD_REQUEST_PARTITIONS,
                    runId + " " + partitions);
        }
    }

    @Test
    void everyTrainerCountGetsAnEvenShareAndNeighboursDiffer() {
        for (int r = 0; r < 100; r++) {
            String runId = "run-" + r;
            for (List<List<Integer>> byStage : List.of(List.of(List.of(0, 1, 2)), List.of(List.of(0, 1, 2, 3, 4)),
                    List.of(List.of(1, 3)), List.of(List.of(0, 1, 2, 3, 4), List.of(0, 1, 2, 3, 4)),
                    List.of(List.of(0, 2, 4), List.of(1, 3)))) {
                List<Integer> partitions = partitions(runId, byStage);
                assertEquals(partitions.size(), new HashSet<>(partitions).size(), "one partition per fold " + partitions);
                for (int consumers = 1; consumers <= 6; consumers++) {
                    int[] load = new int[consumers];
                    for (int p : partitions) {
                        load[consumer(p, consumers)]++;
                    }
                    int floor = partitions.size() / consumers;
                    int ceil = (partitions.size() + consumers - 1) / consumers;
                    for (int l : load) {
                        assertTrue(l == floor || l == ceil, runId + " " + byStage + " on " + consumers + " trainers: "
                                + java.util.Arrays.toString(load));
                    }
                    if (consumers >= 2) {
                        for (int i = 1; i < partitions.size(); i++) {
                            assertNotEquals(consumer(partitions.get(i - 1), consumers),
                                    consumer(partitions.get(i), consumers),
                                    runId + " neighbours on one of " + consumers + " trainers: " + partitions);
                        }
                    }
                }
            }
        }
    }

    @Test
    void theStartDependsOnTheRunSoConcurrentRunsBeginOnDifferentPartitions() {
        Set<Integer> starts = new HashSet<>();
        for (int r = 0; r < 50; r++) {
            starts.add(PARTITIONER.partition("run-" + r, 0, 3));
        }
        assertEquals(Topics.FOLD_REQUEST_PARTITIONS - 3 + 1, starts.size(), "every start 0..7 is used: " + starts);
        assertEquals(PARTITIONER.partition("run-7", 1, 3), PARTITIONER.partition("run-7", 1, 3));
    }

    @Test
    void stageOneFollowsStageZero() {
        List<List<Integer>> byStage = List.of(List.of(0, 1, 2), List.of(0, 1, 2));
        int lastOfStage0 = PARTITIONER.partition(new FoldId("run-c", "3d_lowres", 0, 2), byStage);
        int firstOfStage1 = PARTITIONER.partition(new FoldId("run-c", "3d_cascade_fullres", 1, 0), byStage);
        assertEquals(lastOfStage0 + 1, firstOfStage1);
    }

    @Test
    void moreRequestsThanPartitionsStillUseEveryPartition() {
        FoldRequestPartitioner small = new FoldRequestPartitioner(3);
        List<Integer> partitions = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            partitions.add(small.partition("run-x", i, 5));
        }
        assertEquals(List.of(0, 1, 2, 0, 1), partitions);
    }

    @Test
    void rejectsFoldsTheRunDoesNotTrain() {
        List<List<Integer>> byStage = List.of(List.of(0, 1));
        IllegalArgumentException fold = assertThrows(IllegalArgumentException.class,
                () -> PARTITIONER.partition(new FoldId("run-1", "3d_fullres", 0, 4), byStage));
        assertTrue(fold.getMessage().contains("fold 4"), fold.getMessage());
        IllegalArgumentException stage = assertThrows(IllegalArgumentException.class,
                () -> PARTITIONER.partition(new FoldId("run-1", "3d_fullres", 1, 0), byStage));
        assertTrue(stage.getMessage().contains("stage 1"), stage.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PARTITIONER.partition("run-1", 3, 3));
        assertThrows(IllegalArgumentException.class, () -> new FoldRequestPartitioner(0));
    }
}
