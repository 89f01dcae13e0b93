/** Kafka: fold requests out, status events into the projection. */
package dev.segfold.config.messaging;
