package dev.segfold.devstack.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bucket notifications kept in a directory until their target has them, as MinIO's
 * {@code queue_dir} does: an event is written to disk before the S3 request returns, and one
 * sender thread delivers the queue in order, oldest first, retrying with backoff while the target
 * (Kafka) is away, and after a restart whatever an earlier process left (issue 9).
 *
 * <p>While the target is reachable, {@link #publish} also waits (up to {@code deliveryWait}) for
 * its event to be delivered, so that when an S3 request returns its event is in Kafka, as tests
 * and the demo expect. While it is not, requests do not wait: the event is safe on disk.
 */
public final class QueuedNotificationSink implements NotificationSink {

    private static final Logger LOG = LoggerFactory.getLogger(QueuedNotificationSink.class);
    private static final String SUFFIX = ".event";
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    /** A delivery taking longer than this means the target is away: requests stop waiting for it. */
    private static final long STUCK_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final Path dir;
    private final NotificationSink target;
    private final Duration deliveryWait;
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when an event is queued, one is delivered, or the sink closes. */
    private final Condition changed = lock.newCondition();
    private final Thread sender;
    private long nextSequence;
    private long deliveredUpTo;
    private boolean targetReachable = true;
    /** When the delivery in flight began, 0 when none is. */
    private long inFlightSince;
    private boolean closed;

    /**
     * Starts the sender, which first delivers what an earlier process left in {@code dir}.
     *
     * @param dir          the queue directory, created if missing
     * @param target       where events go; closed with this sink
     * @param deliveryWait how long {@link #publish} waits for delivery while the target is reachable
     */
    public QueuedNotificationSink(Path dir, NotificationSink target, Duration deliveryWait) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.target = target;
        this.deliveryWait = deliveryWait;
        List<Path> left = queued();
        this.nextSequence = left.isEmpty() ? 1 : sequenceOf(left.get(left.size() - 1)) + 1;
        this.deliveredUpTo = left.isEmpty() ? 0 : sequenceOf(left.get(0)) - 1;
        if (!left.isEmpty()) {
            LOG.info("{} notification(s) left in {} from before; delivering them first", left.size(), dir);
        }
        this.sender = new Thread(this::deliverLoop, "devstack-notification-sender");
        sender.setDaemon(true);
        sender.start();
    }

    /** The number of events waiting for delivery. */
    public int pending() {
        return queued().size();
    }

    @Override
    public void publish(String key, String value) throws Exception {
        long sequence;
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the notification queue is closed");
            }
            sequence = nextSequence++;
            write(sequence, key, value);
            changed.signalAll();
            long deadline = System.nanoTime() + deliveryWait.toNanos();
            while (targetReachable && deliveredUpTo < sequence && !closed && !deliveryStuck()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                changed.awaitNanos(Math.min(left, STUCK_NANOS / 4));
            }
        } finally {
            lock.unlock();
        }
    }

    /** Whether the delivery in flight has taken so long that the target is likely away (lock held). */
    private boolean deliveryStuck() {
        return inFlightSince != 0 && System.nanoTime() - inFlightSince > STUCK_NANOS;
    }

    private void deliverLoop() {
        Duration backoff = FIRST_BACKOFF;
        while (true) {
            Path next;
            lock.lock();
            try {
                inFlightSince = 0;
                while (!closed && (next = oldest()) == null) {
                    changed.await();
                }
                if (closed) {
                    return;
                }
                next = oldest();
                inFlightSince = System.nanoTime();
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            Event event;
            try {
                event = read(next);
            } catch (IOException e) {
                // Not ours or cut short by a full disk: set aside, so that it cannot block the queue.
                LOG.error("{}; moved aside as {}.bad", e.getMessage(), next.getFileName());
                try {
                    Files.move(next, next.resolveSibling(next.getFileName() + ".bad"), StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException moveFailed) {
                    LOG.error("cannot move {} aside: {}", next, moveFailed.toString());
                    return;
                }
                continue;
            }
            try {
                target.publish(event.key(), event.value());
                Files.deleteIfExists(next);
                lock.lock();
                try {
                    if (!targetReachable) {
                        LOG.info("notifications are delivered again");
                    }
                    targetReachable = true;
                    inFlightSince = 0;
                    deliveredUpTo = Math.max(deliveredUpTo, sequenceOf(next));
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
                backoff = FIRST_BACKOFF;
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                lock.lock();
                try {
                    if (targetReachable) {
                        LOG.warn("notification target unreachable ({}); events queue in {} until it is back",
                                e.toString(), dir);
                    }
                    targetReachable = false;
                    inFlightSince = 0;
                    changed.signalAll();
                    if (!closed) {
                        changed.await(backoff.toMillis(), TimeUnit.MILLISECONDS);
                    }
                } catch (InterruptedException interrupted) {
                    return;
                } finally {
                    lock.unlock();
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    /** Stops the sender (an event being sent may still be delivered) and closes the target; the queue stays. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        sender.interrupt();
        try {
            sender.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        target.close();
        int left = pending();
        if (left > 0) {
            LOG.info("{} notification(s) stay queued in {} for the next start", left, dir);
        }
    }

    private Path oldest() {
        List<Path> all = queued();
        return all.isEmpty() ? null : all.get(0);
    }

    private List<Path> queued() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the notification queue " + dir, e);
        }
    }

    /** Written whole, then renamed: the sender never sees half an event, and a crash leaves none. */
    private void write(long sequence, String key, String value) throws IOException {
        Path file = dir.resolve(String.format("%020d%s", sequence, SUFFIX));
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        byte[] valueBytes = value.getBytes(StandardCharsets.UTF_8);
        byte[] header = (keyBytes.length + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[header.length + keyBytes.length + valueBytes.length];
        System.arraycopy(header, 0, all, 0, header.length);
        System.arraycopy(keyBytes, 0, all, header.length, keyBytes.length);
        System.arraycopy(valueBytes, 0, all, header.length + keyBytes.length, valueBytes.length);
        Files.write(tmp, all);
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file);
        }
    }

    private static Event read(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        int newline = 0;
        while (newline < all.length && all[newline] != '\n') {
            newline++;
        }
        int keyLength;
        try {
            keyLength = Integer.parseInt(new String(all, 0, newline, StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            throw new IOException(file + ": not a queued notification");
        }
        int keyStart = newline + 1;
        if (keyLength < 0 || keyStart + keyLength > all.length) {
            throw new IOException(file + ": truncated queued notification");
        }
        return new Event(new String(all, keyStart, keyLength, StandardCharsets.UTF_8),
                new String(all, keyStart + keyLength, all.length - keyStart - keyLength, StandardCharsets.UTF_8));
    }

    private static long sequenceOf(Path file) {
        String name = file.getFileName().toString();
        return Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
    }

    private record Event(String key, String value) {
    }
}
