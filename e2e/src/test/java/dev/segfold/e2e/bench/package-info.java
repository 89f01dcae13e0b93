/**
 * The pipeline-latency benchmark ({@code ./segfold bench pipeline-latency}): how long a checkpoint
 * manifest takes from landing in the object store to the evaluator starting on it, and how long a
 * status event takes from publication to a plain Kafka consumer. A program, not a test: nothing
 * here is named {@code *Test} or {@code *IT} except the unit tests of its pure parts.
 */
package dev.segfold.e2e.bench;
