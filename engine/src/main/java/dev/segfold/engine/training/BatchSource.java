package dev.segfold.engine.training;

/**
 * Endless supply of training batches. Implementations prepare batches on worker threads so that
 * the network never waits for data; {@link #next()} blocks only when none is ready yet.
 */
public interface BatchSource extends AutoCloseable {
    TrainingBatch next() throws InterruptedException;

    /** Stops the workers. */
    @Override
    void close();
}
