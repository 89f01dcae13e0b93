package dev.segfold.trainer.service;

import dev.segfold.service.storage.StoreRetry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Checkpoints on their way to the object store, uploaded one after the other, oldest first, by a
 * thread of their own, so that training never waits for storage: while the store is away a
 * checkpoint waits here (hard links to its files, immune to the engine's local pruning) and is
 * uploaded when the store answers again. Transient failures are retried every {@code retryPause}
 * for as long as the fold runs; a refusal (403, a missing bucket) or a lost lease ends the outbox
 * and is reported by {@link #failure()}.
 */
final class CheckpointOutbox implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(CheckpointOutbox.class);

    /** One checkpoint waiting: its folder in the outbox and whatever the uploader needs. */
    record Pending(int iteration, boolean isFinal, Path folder, Object payload) {
    }

    /** Uploads one checkpoint, manifest last; throws to have it tried again (or not, see the class). */
    @FunctionalInterface
    interface Uploader {
        void upload(Pending checkpoint);
    }

    private final Path root;
    private final Duration retryPause;
    private final Uploader uploader;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final Thread thread;
    private RuntimeException failure;
    private boolean closed;
    private boolean busy;

    /**
     * @param root       where waiting checkpoints are linked; emptied first (what an earlier process
     *                   left there is either in the bucket or in the local checkpoints)
     * @param retryPause the wait between two tries of a checkpoint that failed transiently
     */
    CheckpointOutbox(Path root, Duration retryPause, Uploader uploader, String name) throws IOException {
        this.root = root;
        this.retryPause = retryPause;
        this.uploader = uploader;
        deleteRecursively(root);
        Files.createDirectories(root);
        this.thread = new Thread(this::work, "checkpoint-upload-" + name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * Links every file of a complete local checkpoint folder into the outbox and queues it.
     *
     * @return the folder in the outbox, where the caller may add files before {@link #submit}
     */
    Path stage(Path checkpoint, int iteration) throws IOException {
        Path target = root.resolve("iter_" + iteration);
        deleteRecursively(target);
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(checkpoint)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path link = target.resolve(file.getFileName().toString());
                try {
                    Files.createLink(link, file);
                } catch (IOException | UnsupportedOperationException e) {
                    Files.copy(file, link); // a file system without hard links
                }
            }
        }
        return target;
    }

    /** Queues a staged checkpoint for upload. */
    synchronized void submit(Pending checkpoint) {
        if (closed) {
            throw new IllegalStateException("the checkpoint outbox is closed");
        }
        queue.addLast(checkpoint);
        notifyAll();
    }

    /**
     * Waits until every queued checkpoint is uploaded, the outbox failed, or {@code timeout} passed.
     *
     * @return whether nothing is left to upload
     */
    synchronized boolean awaitEmpty(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while ((busy || !queue.isEmpty()) && failure == null) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return queue.isEmpty() && !busy;
    }

    /** The iterations still waiting. */
    synchronized List<Integer> waiting() {
        return queue.stream().map(Pending::iteration).toList();
    }

    /** Why uploading stopped for good: a refusal of the store or a lost lease. */
    synchronized Optional<RuntimeException> failure() {
        return Optional.ofNullable(failure);
    }

    private void work() {
        boolean failing = false;
        while (true) {
            Pending next;
            synchronized (this) {
                while (queue.isEmpty() && !closed) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                next = queue.peekFirst();
                busy = true;
            }
            try {
                uploader.upload(next);
                synchronized (this) {
                    queue.pollFirst();
                    busy = false;
                    notifyAll();
                }
                if (failing) {
                    LOG.infof("%s: uploading again, iter_%d is in the bucket", root, next.iteration());
                    failing = false;
                }
                deleteQuietly(next.folder());
            } catch (LeaseLostException e) {
                fail(e);
                return;
            } catch (RuntimeException e) {
                if (!StoreRetry.isTransient(e)) {
                    LOG.errorf(e, "%s: iter_%d cannot be uploaded", root, next.iteration());
                    fail(e);
                    return;
                }
                if (!failing) {
                    LOG.warnf("%s: iter_%d waits here, the object store is away (%s); trying again every %s",
                            root, next.iteration(), e.getMessage(), retryPause);
                    failing = true;
                }
                synchronized (this) {
                    busy = false;
                    notifyAll();
                    try {
                        wait(retryPause.toMillis());
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
            }
        }
    }

    private synchronized void fail(RuntimeException e) {
        failure = e;
        busy = false;
        notifyAll();
    }

    /** Stops the upload thread; what is still queued stays on disk until the next attempt clears it. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            deleteRecursively(dir);
        } catch (IOException e) {
            LOG.warnf("%s could not be deleted: %s", dir, e.getMessage());
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
