/**
 * The evaluator-service: reacts to checkpoints landing in the object store (bucket notifications
 * on {@code checkpoint.json}), validates them with the engine and publishes {@code FoldEvaluated}.
 * Start at {@link dev.segfold.evaluator.messaging.StorageEventConsumer}, then
 * {@link dev.segfold.evaluator.service.CheckpointEvaluator}.
 */
package dev.segfold.evaluator;
