package dev.segfold.service.messaging;

import dev.segfold.contracts.events.SegfoldEvent;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Sends a JSON payload keyed by its event's key ({@code runId/stage/fold} or {@code runId}), so one
 * fold's events stay ordered on one partition; the returned stage completes when the broker
 * acknowledged the record, so a caller can write its "done" marker only after the fact is out.
 */
public final class KeyedEvents {
    private KeyedEvents() {}

    public static CompletionStage<Void> send(Emitter<String> emitter, SegfoldEvent event, String json,
            String contentType) {
        return send(emitter, event, json, contentType, -1);
    }

    /**
     * The event as the contracts' JSON on an explicit partition instead of its key's hash (the key
     * still travels): for fold requests, which {@link dev.segfold.contracts.topics.FoldRequestPartitioner}
     * spreads over the trainers.
     *
     * @param partition the partition, 0 or more
     */
    public static CompletionStage<Void> send(Emitter<String> emitter, SegfoldEvent event, int partition) {
        if (partition < 0) {
            throw new IllegalArgumentException("partition " + partition + " of " + event.key() + " is negative");
        }
        return send(emitter, event, dev.segfold.contracts.json.ContractJson.writeString(event), "application/json",
                partition);
    }

    private static CompletionStage<Void> send(Emitter<String> emitter, SegfoldEvent event, String json,
            String contentType, int partition) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("content-type", contentType.getBytes(StandardCharsets.UTF_8));
        // -1 is the connector's "no partition": the producer hashes the key.
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(event.key())
                .withPartition(partition)
                .withHeaders(headers)
                .build();
        CompletableFuture<Void> acked = new CompletableFuture<>();
        emitter.send(Message.of(json)
                .addMetadata(metadata)
                .withAck(() -> {
                    acked.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(e -> {
                    acked.completeExceptionally(e);
                    return CompletableFuture.completedFuture(null);
                }));
        return acked;
    }

    /** The event as the contracts' JSON. */
    public static CompletionStage<Void> send(Emitter<String> emitter, SegfoldEvent event) {
        return send(emitter, event, dev.segfold.contracts.json.ContractJson.writeString(event), "application/json");
    }
}
