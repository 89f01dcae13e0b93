package dev.segfold.engine.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RefitWindowsTest {
    private static void steps(RefitWindows w, int n, long ms) {
        for (int i = 0; i < n; i++) {
            w.add(ms * 1_000_000);
        }
    }

    @Test
    void theFirstRefitSeesOneWindowLaterOnesTheLastTwo() {
        RefitWindows w = new RefitWindows();
        steps(w, 100, 300);
        assertEquals(300, w.closeWindow(), 1e-9);
        steps(w, 100, 200);
        assertEquals(250, w.closeWindow(), 1e-9, "a fast minute moves the mean half-way");
        steps(w, 50, 200);
        assertEquals(200, w.closeWindow(), 1e-9, "a lasting change shows within two windows");
        steps(w, 150, 400);
        assertEquals((50 * 200 + 150 * 400) / 200.0, w.closeWindow(), 1e-9, "weighted by iterations");
    }

    @Test
    void aWindowWithoutIterationsIsAnError() {
        assertThrows(IllegalStateException.class, () -> new RefitWindows().closeWindow());
    }
}
