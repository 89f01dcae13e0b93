/** Kafka from a test's side: send records, watch a topic from now on, wait for a group to consume. */
package dev.segfold.service.testing.kafka;
