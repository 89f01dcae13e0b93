/** Wired tests of the evaluator against the devstack: real Kafka, real S3 server, a real tiny checkpoint. */
package dev.segfold.evaluator.it;
