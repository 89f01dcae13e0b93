package dev.segfold.engine.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BudgetRefitTest {
    private static BudgetRefit after(int warmUpCount, int saveInterval) {
        IterationFit warmUp = new IterationFit(warmUpCount, 400, 0, 0, 400, 5, Duration.ofSeconds(5),
                Duration.ofMinutes(12), 0);
        return new BudgetRefit(warmUp, System.nanoTime(), saveInterval, null);
    }

    private static List<Integer> refits(BudgetRefit refit, int count) {
        return IntStream.rangeClosed(1, count).filter(i -> refit.refitsAfter(i, count)).boxed().toList();
    }

    @Test
    void everyTenthOfTheWarmUpsCountUntilNineteenTwentiethsOfTheCount() {
        BudgetRefit refit = after(1700, 1000);
        assertEquals(List.of(170, 340, 510, 680, 850, 1020, 1190, 1360, 1530, 1700), refits(refit, 1950));
        assertEquals(List.of(170, 340, 510, 680, 850, 1020, 1190, 1360), refits(refit, 1600),
                "1530 is past 0.95 x 1600");
        assertEquals(85, refit.firstWindowStart(), "the fold's first 85 iterations are not timed");
    }

    @Test
    void atLeastSixtyApart() {
        assertEquals(List.of(60, 120, 180, 240), refits(after(300, 5), 300));
    }

    @Test
    void aCountTooShortForTheIntervalIsNotRefitted() {
        assertEquals(List.of(), refits(after(40, 4), 40));
    }

    @Test
    void onlyAFreshFoldRefits() {
        assertTrue(after(1700, 1000).applies(0));
        assertFalse(after(1700, 1000).applies(500), "a resumed fold keeps its recorded count");
    }
}
