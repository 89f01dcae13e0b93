/**
 * Kafka side of the evaluator: bucket notifications in ({@code segfold.storage-events}),
 * {@code FoldEvaluated} out ({@code segfold.evaluations}) and every outcome as a status event.
 */
package dev.segfold.evaluator.messaging;
