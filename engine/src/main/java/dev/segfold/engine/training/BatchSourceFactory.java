package dev.segfold.engine.training;

/**
 * Opens the batch stream of a fold at a given iteration. Sources derive each batch from
 * (seed, iteration), so a run resumed at iteration n sees the batches a straight run would have.
 */
@FunctionalInterface
public interface BatchSourceFactory {
    BatchSource open(long seed, int startIteration);
}
