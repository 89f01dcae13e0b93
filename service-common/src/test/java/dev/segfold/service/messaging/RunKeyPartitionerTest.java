package dev.segfold.service.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RunKeyPartitionerTest {

    @Test
    void everyFoldOfARunGoesToTheRunsPartition() {
        int partitions = 6;
        int run = RunKeyPartitioner.partition("r-20261207-1", partitions);
        for (String key : new String[] {"r-20261207-1/0/0", "r-20261207-1/0/4", "r-20261207-1/1/2"}) {
            assertEquals(run, RunKeyPartitioner.partition(key, partitions), key);
        }
    }

    @Test
    void runsSpreadOverThePartitions() {
        Set<Integer> used = new HashSet<>();
        for (int i = 0; i < 60; i++) {
            int p = RunKeyPartitioner.partition("r-" + i + "/0/0", 6);
            assertTrue(p >= 0 && p < 6);
            used.add(p);
        }
        assertTrue(used.size() >= 5, "60 runs over 6 partitions used only " + used);
    }
}
