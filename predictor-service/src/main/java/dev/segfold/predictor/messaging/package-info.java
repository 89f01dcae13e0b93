/** Kafka adapters: {@code FoldEvaluated} in, {@code EnsemblePredicted} out on {@code segfold.predictions}. */
package dev.segfold.predictor.messaging;
