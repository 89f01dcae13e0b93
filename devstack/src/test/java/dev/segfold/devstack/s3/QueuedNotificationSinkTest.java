package dev.segfold.devstack.s3;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The queue's own rules, against a target that can be switched off: order, no waiting while it is off, bad files set aside. */
class QueuedNotificationSinkTest {

    @TempDir
    Path dir;

    /** A target that refuses while {@code down}, and counts down {@code delivered} per event it takes. */
    private static final class SwitchableTarget implements NotificationSink {
        final List<String> received = new ArrayList<>();
        volatile boolean down;
        volatile CountDownLatch delivered = new CountDownLatch(0);

        @Override
        public synchronized void publish(String key, String value) {
            if (down) {
                throw new IllegalStateException("target down");
            }
            received.add(key + "=" + value);
            delivered.countDown();
        }

        @Override
        public void close() {
        }
    }

    @Test
    void deliversBeforeReturningWhileTheTargetIsUp() throws Exception {
        SwitchableTarget target = new SwitchableTarget();
        try (QueuedNotificationSink sink = new QueuedNotificationSink(dir, target, Duration.ofSeconds(30))) {
            sink.publish("b/k\nwith newline", "{\"v\":1}");
            assertEquals(List.of("b/k\nwith newline={\"v\":1}"), target.received);
            assertEquals(0, sink.pending());
        }
    }

    @Test
    void whileTheTargetIsDownRequestsDoNotWaitAndTheQueueIsDeliveredInOrderLater() throws Exception {
        SwitchableTarget target = new SwitchableTarget();
        target.down = true;
        try (QueuedNotificationSink sink = new QueuedNotificationSink(dir, target, Duration.ofSeconds(30))) {
            sink.publish("b/1", "one"); // waits for the first refusal at most
            long started = System.nanoTime();
            for (int i = 2; i <= 5; i++) {
                sink.publish("b/" + i, "n" + i);
            }
            assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(5), "no request waits for a target that is down");
            assertEquals(5, sink.pending());
            target.delivered = new CountDownLatch(5);
            target.down = false;
            assertTrue(target.delivered.await(30, TimeUnit.SECONDS), "delivered once the target is back");
            assertEquals(List.of("b/1=one", "b/2=n2", "b/3=n3", "b/4=n4", "b/5=n5"), target.received);
        }
    }

    @Test
    void aTargetThatHangsHoldsARequestForSecondsNotForTheWholeWait() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        NotificationSink hanging = new NotificationSink() {
            @Override
            public void publish(String key, String value) throws InterruptedException {
                release.await(); // a broker that accepts the connection and never answers
                received.add(key);
            }

            @Override
            public void close() {
            }
        };
        try (QueuedNotificationSink sink = new QueuedNotificationSink(dir, hanging, Duration.ofSeconds(60))) {
            long started = System.nanoTime();
            sink.publish("b/1", "one");
            sink.publish("b/2", "two");
            long waited = System.nanoTime() - started;
            assertTrue(waited < TimeUnit.SECONDS.toNanos(10), "returned after " + waited / 1_000_000 + " ms");
            assertEquals(2, sink.pending());
            release.countDown();
            await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 2);
            assertEquals(List.of("b/1", "b/2"), received);
        }
    }

    @Test
    void aQueueLeftByAnEarlierProcessIsDeliveredFirstAndABadFileIsSetAside() throws Exception {
        SwitchableTarget down = new SwitchableTarget();
        down.down = true;
        try (QueuedNotificationSink sink = new QueuedNotificationSink(dir, down, Duration.ZERO)) {
            sink.publish("b/old-1", "1");
            sink.publish("b/old-2", "2");
        }
        Files.writeString(dir.resolve("00000000000000000000.event"), "garbage");
        SwitchableTarget target = new SwitchableTarget();
        target.delivered = new CountDownLatch(3);
        try (QueuedNotificationSink sink = new QueuedNotificationSink(dir, target, Duration.ofSeconds(30))) {
            sink.publish("b/new", "3");
            assertTrue(target.delivered.await(30, TimeUnit.SECONDS));
            assertEquals(List.of("b/old-1=1", "b/old-2=2", "b/new=3"), target.received);
            assertTrue(Files.exists(dir.resolve("00000000000000000000.event.bad")), "the bad file is kept for a person");
        }
    }
}
