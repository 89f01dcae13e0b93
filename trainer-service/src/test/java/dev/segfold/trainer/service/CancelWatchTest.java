package dev.segfold.trainer.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CancelWatchTest {
    private final AtomicLong clock = new AtomicLong();
    private final AtomicInteger looks = new AtomicInteger();
    private final AtomicBoolean marker = new AtomicBoolean();
    private final CancelWatch watch = new CancelWatch(() -> {
        looks.incrementAndGet();
        return marker.get();
    }, Duration.ofSeconds(5), clock::get);

    @Test
    void looksAtMostOncePerInterval() {
        assertFalse(watch.refresh());
        assertFalse(watch.refresh());
        assertEquals(1, looks.get(), "the second refresh within the interval reuses the answer");
        marker.set(true);
        clock.addAndGet(Duration.ofSeconds(4).toNanos());
        assertFalse(watch.refresh(), "the cached answer is still valid");
        assertFalse(watch.getAsBoolean());
        clock.addAndGet(Duration.ofSeconds(1).toNanos());
        assertTrue(watch.refresh());
        assertTrue(watch.getAsBoolean());
        assertEquals(2, looks.get());
    }

    @Test
    void staysCancelledWithoutLookingAgain() {
        marker.set(true);
        assertTrue(watch.checkNow());
        marker.set(false);
        clock.addAndGet(Duration.ofMinutes(1).toNanos());
        assertTrue(watch.refresh());
        assertEquals(1, looks.get());
    }

    @Test
    void getAsBooleanNeverLooks() {
        marker.set(true);
        assertFalse(watch.getAsBoolean());
        assertEquals(0, looks.get());
    }
}
