/**
 * The run status projection: status events folded into a view per run and fold
 * ({@link dev.segfold.config.projection.RunProjection}), free of Kafka so that a new instance fed
 * the topic from the beginning rebuilds it.
 */
package dev.segfold.config.projection;
