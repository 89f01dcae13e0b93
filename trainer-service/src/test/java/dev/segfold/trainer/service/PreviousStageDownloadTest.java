package dev.segfold.trainer.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.contracts.events.FoldId;
import dev.segfold.contracts.events.FoldTrainingRequested;
import dev.segfold.contracts.spec.FoldSettings;
import dev.segfold.contracts.storage.RunLayout;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PreviousStageDownloadTest {
    private static FoldTrainingRequested request(String prefix) {
        RunLayout run = RunLayout.of("run-a");
        return new FoldTrainingRequested(new FoldId("run-a", "3d_cascade_fullres", 1, 0), "Data", FoldSettings.of(4, 2, 2, 1, 1L),
                run.plans(), run.foldConfig("3d_cascade_fullres", 0), prefix, Instant.now());
    }

    private static String refused(String prefix) {
        return assertThrows(IllegalArgumentException.class,
                () -> PreviousStageDownload.requirePrefix(request(prefix))).getMessage();
    }

    @Test
    void acceptsTheRunsNextStagePrefix() {
        String prefix = RunLayout.of("run-a").nextStagePrefix("3d_lowres");
        assertEquals(prefix, PreviousStageDownload.requirePrefix(request(prefix)));
    }

    @Test
    void aMissingPrefixNamesTheFieldAndWhatIsExpected() {
        String message = refused(null);
        assertTrue(message.startsWith("FoldTrainingRequested.previousStagePrefix is missing"), message);
        assertTrue(message.contains("run-a/3d_lowres/next_stage/"), message);
    }

    @Test
    void aPrefixOfAnotherRunOrTheWholeRunIsRefused() {
        assertTrue(refused("run-b/3d_lowres/next_stage/").contains("outside the run's prefix run-a/"));
        assertTrue(refused("run-ab/3d_lowres/next_stage/").contains("outside the run's prefix run-a/"));
        assertTrue(refused("run-a/").contains("outside the run's prefix run-a/"));
    }

    @Test
    void aPrefixThatIsNoFolderIsRefused() {
        assertTrue(refused("run-a/3d_lowres/next_stage").contains("must end with '/'"));
    }
}
