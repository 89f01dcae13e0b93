/**
 * Checkpoints of a fold: {@link dev.segfold.engine.training.checkpoint.CheckpointStore} writes
 * {@code iter_<n>/} directories (model parameters, optimizer momentum, configs) and the
 * {@link dev.segfold.engine.training.checkpoint.CheckpointManifest} {@code checkpoint.json} last,
 * with sizes and SHA-256 of every file; it finds, verifies and prunes them.
 */
package dev.segfold.engine.training.checkpoint;
