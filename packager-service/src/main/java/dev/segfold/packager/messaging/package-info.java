/** Kafka adapter: {@code EnsemblePredicted} in from {@code segfold.predictions}. */
package dev.segfold.packager.messaging;
