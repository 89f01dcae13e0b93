/**
 * Segfold's embedded default without Docker: {@link dev.segfold.devstack.DevStack} starts a real
 * Kafka broker (KRaft) and a real S3 server (S3Proxy) that publishes MinIO-format bucket
 * notifications to Kafka; {@link dev.segfold.devstack.DevStackMain} runs it as a process.
 */
package dev.segfold.devstack;
