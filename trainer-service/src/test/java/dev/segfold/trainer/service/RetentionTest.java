package dev.segfold.trainer.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RetentionTest {

    @Test
    void keepsTheNewestAndTheFinal() {
        Map<Integer, Boolean> complete = Map.of(1000, false, 2000, false, 3000, false, 4000, true);
        assertEquals(List.of(1000, 2000), Retention.obsolete(complete, Set.of(), 2));
        assertEquals(List.of(1000, 2000, 3000), Retention.obsolete(complete, Set.of(), 1));
    }

    @Test
    void aFinalCheckpointIsNeverDeletedEvenWhenOld() {
        // a fold trained again with more iterations keeps its earlier final checkpoint
        Map<Integer, Boolean> complete = Map.of(100, true, 200, false, 300, false);
        assertEquals(List.of(), Retention.obsolete(complete, Set.of(), 2));
        assertEquals(List.of(200), Retention.obsolete(complete, Set.of(), 1));
    }

    @Test
    void incompleteFoldersGoOnlyWhenOlderThanTheNewestComplete() {
        Map<Integer, Boolean> complete = Map.of(2000, false, 3000, false);
        assertEquals(List.of(1000), Retention.obsolete(complete, Set.of(1000, 4000), 5),
                "4000 may be an upload in progress");
        assertEquals(List.of(), Retention.obsolete(Map.of(), Set.of(1000), 1), "nothing complete: nothing to trust");
    }

    @Test
    void keepZeroKeepsEverything() {
        assertEquals(List.of(), Retention.obsolete(Map.of(1, false, 2, false), Set.of(0), 0));
    }
}
