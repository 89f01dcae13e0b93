package dev.segfold.service.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.devstack.DevStack;
import dev.segfold.devstack.junit.DevStackExtension;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Against a real S3 server that is stopped and started again: operations wait the outage out
 * within the deadline, give up with a transient error after it, and refusals fail at once.
 */
@ExtendWith(DevStackExtension.class)
class ObjectStoreRetryTest {

    @Test
    void anOperationStartedWhileTheServerIsDownSucceedsOnceItIsBack(DevStack stack) throws Exception {
        ObjectStore store = new ObjectStore(StoreConfigs.of(stack, stack.accessKey(), stack.secretKey(),
                Duration.ofSeconds(30)));
        String bucket = store.buckets().runs();
        store.put(bucket, "retry/a.txt", "before".getBytes(), "text/plain");

        stack.stopS3();
        long started = System.nanoTime();
        CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> store.get(bucket, "retry/a.txt"));
        CompletableFuture<Void> write = CompletableFuture.runAsync(
                () -> store.put(bucket, "retry/b.txt", "during".getBytes(), "text/plain"));
        Thread.sleep(3000);
        assertFalse(read.isDone(), "the read waits while the server is away");
        assertFalse(write.isDone(), "the write waits while the server is away");
        stack.restartS3();

        assertArrayEquals("before".getBytes(), read.get(20, TimeUnit.SECONDS));
        write.get(20, TimeUnit.SECONDS);
        assertTrue(System.nanoTime() - started >= TimeUnit.SECONDS.toNanos(3));
        assertArrayEquals("during".getBytes(), store.get(bucket, "retry/b.txt"));
        assertTrue(store.exists(bucket, "retry/b.txt"));
    }

    @Test
    void pastTheDeadlineTheErrorIsThrownAndMarkedTransient(DevStack stack) throws Exception {
        ObjectStore store = new ObjectStore(StoreConfigs.of(stack, stack.accessKey(), stack.secretKey(),
                Duration.ofSeconds(2)));
        stack.stopS3();
        try {
            long started = System.nanoTime();
            ObjectStoreException e = assertThrows(ObjectStoreException.class,
                    () -> store.exists(store.buckets().runs(), "retry/none.txt"));
            long waitedMillis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(e.transientFailure(), e.getMessage());
            assertTrue(e.getMessage().contains("segfold-runs/retry/none.txt"), e.getMessage());
            assertTrue(waitedMillis >= 1500 && waitedMillis < 15_000, "waited " + waitedMillis + " ms");
        } finally {
            stack.restartS3();
        }
    }

    @Test
    void refusalsAreNotRetried(DevStack stack) {
        ObjectStore wrongKey = new ObjectStore(StoreConfigs.of(stack, stack.accessKey(), "not-the-secret-key",
                Duration.ofMinutes(2)));
        long started = System.nanoTime();
        ObjectStoreException denied = assertThrows(ObjectStoreException.class,
                () -> wrongKey.get(wrongKey.buckets().runs(), "retry/a.txt"));
        assertFalse(denied.transientFailure(), denied.getMessage());

        ObjectStore store = new ObjectStore(StoreConfigs.of(stack, stack.accessKey(), stack.secretKey(),
                Duration.ofMinutes(2)));
        ObjectStoreException noBucket = assertThrows(ObjectStoreException.class,
                () -> store.put("no-such-bucket", "x.txt", new byte[1], "text/plain"));
        assertFalse(noBucket.transientFailure(), noBucket.getMessage());
        ObjectStoreException noKey = assertThrows(ObjectStoreException.class,
                () -> store.get(store.buckets().runs(), "retry/never-written.txt"));
        assertFalse(noKey.transientFailure(), noKey.getMessage());
        assertThrows(IllegalArgumentException.class, () -> store.get(store.buckets().runs(), "../escape"));
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(tookMillis < 10_000, "four refusals answered at once, not after retries: " + tookMillis + " ms");
        assertEquals(java.util.OptionalLong.empty(), store.size(store.buckets().runs(), "retry/never-written.txt"));
    }
}
