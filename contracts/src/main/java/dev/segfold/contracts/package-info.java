/**
 * What Segfold's services agree on, and nothing else: the event records that travel on Kafka and
 * their JSON form ({@code events}, {@code json}), the topic names and message keys
 * ({@code topics}), the CloudEvents envelope of status events ({@code status}), the object-store
 * key layout and the parser for MinIO-format bucket notifications ({@code storage}). The run
 * spec, its validation and the PaddleSeg YAML mapping are in {@code spec}.
 *
 * <p>Plain Java with Jackson (and SnakeYAML for the configs) only, so every service and tool can depend on it.
 */
package dev.segfold.contracts;
