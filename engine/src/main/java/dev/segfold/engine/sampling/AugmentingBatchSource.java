package dev.segfold.engine.sampling;

import dev.segfold.engine.augment.Augmentation;
import dev.segfold.engine.augment.AugmentationSettings;
import dev.segfold.engine.augment.NnUNetAugmentation;
import dev.segfold.engine.training.BatchSource;
import dev.segfold.engine.training.TrainingBatch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The trainer's supply of batches: worker threads build batches k, k+1, ... ahead of time with a
 * {@link BatchBuilder}, at most {@code capacity} batches beyond the one the trainer will take next,
 * and {@link #next()} hands them out strictly in order. Because batch k depends only on (seed, k),
 * the sequence is the same for any number of workers, and a source started at batch k continues
 * exactly where a run stopped before batch k.
 *
 * <p>{@link #close()} stops the workers and waits for them to end; a failure in a worker is
 * rethrown by the next call to {@link #next()}.
 */
public final class AugmentingBatchSource implements BatchSource {
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private static final long JOIN_MILLIS = 60_000;

    private final BatchBuilder builder;
    private final int capacity;
    private final List<Thread> workers = new ArrayList<>();
    private final Object lock = new Object();
    private final Map<Long, TrainingBatch> ready = new HashMap<>();
    private long nextToClaim;
    private long nextToHand;
    private boolean closed;
    private RuntimeException failure;

    private AugmentingBatchSource(BatchBuilder builder, long startBatch, int workerCount, int capacity) {
        this.builder = builder;
        this.capacity = capacity;
        this.nextToClaim = startBatch;
        this.nextToHand = startBatch;
        String prefix = "segfold-batches-" + INSTANCES.incrementAndGet() + "-worker-";
        for (int i = 0; i < workerCount; i++) {
            Thread t = new Thread(this::work, prefix + i);
            t.setDaemon(true);
            workers.add(t);
        }
        workers.forEach(Thread::start);
    }

    /** A source of arbitrary sampling and augmentation; set the optional parts on the builder. */
    public static Builder builder(List<TrainingCase> cases, SamplingSettings sampling, Augmentation augmentation) {
        return new Builder(cases, sampling, augmentation);
    }

    /** nnUNetTrainerV2's training batches: enlarged patches, oversampling, full augmentation. */
    public static Builder nnUNetTraining(List<TrainingCase> cases, AugmentationSettings augmentation, int batchSize) {
        SamplingSettings sampling = SamplingSettings.training(augmentation.patchSize(), batchSize, augmentation.dummy2D());
        return builder(cases, sampling, NnUNetAugmentation.training(augmentation));
    }

    /** nnUNetTrainerV2's validation batches: patches of the final size, no augmentation. */
    public static Builder nnUNetValidation(List<TrainingCase> cases, AugmentationSettings augmentation, int batchSize) {
        SamplingSettings sampling = SamplingSettings.validation(augmentation.patchSize(), batchSize);
        return builder(cases, sampling, NnUNetAugmentation.validation(augmentation));
    }

    @Override
    public TrainingBatch next() throws InterruptedException {
        synchronized (lock) {
            while (true) {
                if (closed) {
                    throw new IllegalStateException("batch source is closed");
                }
                if (ready.containsKey(nextToHand)) {
                    break;
                }
                if (failure != null) {
                    throw failure;
                }
                lock.wait();
            }
            TrainingBatch b = ready.remove(nextToHand);
            nextToHand++;
            lock.notifyAll();
            return b;
        }
    }

    /** Index of the batch the next call to {@link #next()} returns. */
    public long nextBatchIndex() {
        synchronized (lock) {
            return nextToHand;
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            ready.clear();
            lock.notifyAll();
        }
        boolean interrupted = false;
        for (Thread t : workers) {
            while (t.isAlive()) {
                try {
                    t.join(JOIN_MILLIS);
                    if (t.isAlive()) {
                        throw new IllegalStateException("batch worker " + t.getName() + " did not stop within "
                                + JOIN_MILLIS + " ms");
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The worker threads, for tests that check none outlives {@link #close()}. */
    List<Thread> workers() {
        return List.copyOf(workers);
    }

    private void work() {
        while (true) {
            long k;
            synchronized (lock) {
                while (!closed && failure == null && nextToClaim >= nextToHand + capacity) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed || failure != null) {
                    return;
                }
                k = nextToClaim++;
            }
            TrainingBatch batch;
            try {
                batch = builder.build(k);
            } catch (RuntimeException | Error e) {
                synchronized (lock) {
                    failure = new IllegalStateException("building batch " + k + " failed: " + e, e);
                    lock.notifyAll();
                }
                return;
            }
            synchronized (lock) {
                if (closed) {
                    return;
                }
                ready.put(k, batch);
                lock.notifyAll();
            }
        }
    }

    /** Optional settings of a batch source, with nnU-Net-like defaults. */
    public static final class Builder {
        private final List<TrainingCase> cases;
        private final SamplingSettings sampling;
        private final Augmentation augmentation;
        private long seed = 12345;
        private long startBatch;
        private int workers = Math.min(2, Runtime.getRuntime().availableProcessors());
        private int capacity = -1;

        private Builder(List<TrainingCase> cases, SamplingSettings sampling, Augmentation augmentation) {
            this.cases = cases;
            this.sampling = sampling;
            this.augmentation = augmentation;
        }

        /** Seed of the whole batch sequence (default 12345). */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Index of the first batch to hand out, e.g. the iteration a resumed run restarts at. */
        public Builder optStartBatch(long startBatch) {
            if (startBatch < 0) {
                throw new IllegalArgumentException("startBatch must not be negative, got " + startBatch);
            }
            this.startBatch = startBatch;
            return this;
        }

        /** Number of worker threads (default min(2, available processors)). */
        public Builder optWorkers(int workers) {
            if (workers < 1) {
                throw new IllegalArgumentException("workers must be at least 1, got " + workers);
            }
            this.workers = workers;
            return this;
        }

        /** Batches built or being built ahead of the trainer (default max(4, 2 x workers)). */
        public Builder optCapacity(int capacity) {
            if (capacity < 1) {
                throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
            }
            this.capacity = capacity;
            return this;
        }

        /** The batch builder these settings describe, without threads (for inspection and tests). */
        public BatchBuilder batchBuilder() {
            return new BatchBuilder(cases, sampling, augmentation, seed);
        }

        /** Starts the workers. */
        public AugmentingBatchSource build() {
            int cap = capacity > 0 ? capacity : Math.max(4, 2 * workers);
            return new AugmentingBatchSource(batchBuilder(), startBatch, workers, cap);
        }
    }
}
