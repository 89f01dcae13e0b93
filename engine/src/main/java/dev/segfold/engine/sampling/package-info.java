/**
 * Patch sampling for training (nnU-Net v1's {@code DataLoader3D}) and the multi-threaded,
 * deterministic {@link dev.segfold.engine.sampling.AugmentingBatchSource} that feeds the trainer.
 *
 * <p>Batch number k is a pure function of (cases, settings, seed, k): its generator is seeded from
 * the seed and k alone, so batches do not depend on how many worker threads build them or in what
 * order, and a run resumed at iteration k sees the batches it would have seen.
 */
package dev.segfold.engine.sampling;
