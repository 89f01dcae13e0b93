package dev.segfold.service.status;

import dev.segfold.service.messaging.KeyedEvents;
import dev.segfold.contracts.events.SegfoldEvent;
import dev.segfold.contracts.json.ContractJson;
import dev.segfold.contracts.status.StatusEnvelope;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes every state change and progress report to {@code segfold.status} as a structured-mode
 * CloudEvent, keyed like the event ({@code runId/stage/fold} or {@code runId}) so one fold's
 * events stay ordered. Services configure the outgoing channel {@code status}.
 */
@ApplicationScoped
public class StatusPublisher {
    private final Emitter<String> status;
    private final ServiceIdentity identity;

    public StatusPublisher(@Channel("status") Emitter<String> status, ServiceIdentity identity) {
        this.status = status;
        this.identity = identity;
    }

    /** Sends the event; the stage completes when the broker acknowledged it. */
    public CompletionStage<Void> publish(SegfoldEvent event) {
        StatusEnvelope envelope = StatusEnvelope.of(event, identity.name());
        return KeyedEvents.send(status, event, ContractJson.writeString(envelope), StatusEnvelope.CONTENT_TYPE);
    }
}
