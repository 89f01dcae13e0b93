/** The embedded Kafka broker ({@link dev.segfold.devstack.kafka.EmbeddedKafka}). */
package dev.segfold.devstack.kafka;
