/**
 * Topic names ({@link dev.segfold.contracts.topics.Topics}), one dead-letter topic per
 * {@link dev.segfold.contracts.topics.Service}, and the message-key scheme
 * ({@link dev.segfold.contracts.topics.EventKeys}): {@code runId/stage/fold} for fold-scoped
 * events, {@code runId} for run-scoped ones; fold requests go to the partition
 * {@link dev.segfold.contracts.topics.FoldRequestPartitioner} chooses, so a run's folds spread over
 * the trainers.
 */
package dev.segfold.contracts.topics;
