package dev.segfold.service.status;

import dev.segfold.contracts.events.FoldFailed;
import dev.segfold.contracts.events.RunFailed;
import io.micrometer.core.instrument.MeterRegistry;
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
 *
 * <p>Every event is counted ({@code segfold_events_published_total{service,type}}), and every
 * failure event ({@code FoldFailed}, {@code RunFailed}) once more as
 * {@code segfold_failures_total{service,phase}}: each service reports its failures through here,
 * so this one place counts them all.
 */
@ApplicationScoped
public class StatusPublisher {
    private final Emitter<String> status;
    private final ServiceIdentity identity;
    private final MeterRegistry meters;

    public StatusPublisher(@Channel("status") Emitter<String> status, ServiceIdentity identity, MeterRegistry meters) {
        this.status = status;
        this.identity = identity;
        this.meters = meters;
    }

    /** Sends the event; the stage completes when the broker acknowledged it. */
    public CompletionStage<Void> publish(SegfoldEvent event) {
        StatusEnvelope envelope = StatusEnvelope.of(event, identity.name());
        String service = identity.name().name().toLowerCase(java.util.Locale.ROOT);
        meters.counter("segfold.events.published", "service", service, "type", event.type().name().toLowerCase(
                java.util.Locale.ROOT)).increment();
        if (event instanceof FoldFailed failed) {
            meters.counter("segfold.failures", "service", service, "phase",
                    failed.phase().name().toLowerCase(java.util.Locale.ROOT)).increment();
        } else if (event instanceof RunFailed) {
            meters.counter("segfold.failures", "service", service, "phase", "run").increment();
        }
        return KeyedEvents.send(status, event, ContractJson.writeString(envelope), StatusEnvelope.CONTENT_TYPE);
    }
}
