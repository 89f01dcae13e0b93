package dev.segfold.service.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The backoff schedule and what counts as transient, on a fake clock. */
class StoreRetryTest {
    private final AtomicLong nanos = new AtomicLong();
    private final List<Long> sleeps = new ArrayList<>();

    private StoreRetry.Sleeper sleeper() {
        return millis -> {
            sleeps.add(millis);
            nanos.addAndGet(millis * 1_000_000);
        };
    }

    @Test
    void backsOffExponentiallyUpToTheMaximumAndSucceeds() {
        StoreRetry retry = new StoreRetry(Duration.ofMillis(500), Duration.ofSeconds(4), Duration.ofMinutes(3));
        AtomicInteger calls = new AtomicInteger();
        String result = retry.run("b", "k", () -> {
            if (calls.incrementAndGet() < 7) {
                throw new ConnectException("Connection refused");
            }
            return "ok";
        }, nanos::get, sleeper());
        assertEquals("ok", result);
        assertEquals(List.of(500L, 1000L, 2000L, 4000L, 4000L, 4000L), sleeps);
    }

    @Test
    void givesUpAtTheDeadlineWithATransientError() {
        StoreRetry retry = new StoreRetry(Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(20));
        ObjectStoreException e = assertThrows(ObjectStoreException.class, () -> retry.run("b", "k", () -> {
            throw new ConnectException("Connection refused");
        }, nanos::get, sleeper()));
        assertTrue(e.transientFailure());
        assertEquals(20_000L, sleeps.stream().mapToLong(Long::longValue).sum(), "waits exactly up to the deadline");
        assertTrue(e.getMessage().contains("b/k") && e.getMessage().contains("Connection refused"), e.getMessage());
    }

    @Test
    void localFileErrorsAndArgumentsAreNotRetried() {
        StoreRetry retry = new StoreRetry(Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMinutes(3));
        ObjectStoreException e = assertThrows(ObjectStoreException.class, () -> retry.run("b", "k", () -> {
            throw new NoSuchFileException("/work/iter_5/model.params");
        }, nanos::get, sleeper()));
        assertFalse(e.transientFailure());
        assertThrows(IllegalArgumentException.class, () -> retry.run("b", "k", () -> {
            throw new IllegalArgumentException("bad key");
        }, nanos::get, sleeper()));
        assertTrue(sleeps.isEmpty());
        assertTrue(StoreRetry.isTransient(new IOException("unexpected end of stream")));
    }

    @Test
    void noneTriesOnce() {
        AtomicInteger calls = new AtomicInteger();
        assertThrows(ObjectStoreException.class, () -> StoreRetry.NONE.run("b", "k", () -> {
            calls.incrementAndGet();
            throw new ConnectException("refused");
        }, nanos::get, sleeper()));
        assertEquals(1, calls.get());
    }
}
