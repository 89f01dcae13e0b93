package dev.segfold.config.messaging;

import dev.segfold.service.messaging.KeyedEvents;
import dev.segfold.contracts.events.FoldTrainingRequested;
import dev.segfold.contracts.json.ContractJson;
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
 * Sends {@link FoldTrainingRequested} to {@code segfold.fold-requests} (outgoing channel
 * {@code fold-requests}) as the event's contract JSON, keyed {@code runId/stage/fold}, so a
 * trainer group shares the folds out and one fold's requests stay on one partition.
 */
@ApplicationScoped
public class FoldRequestPublisher {
    private final Emitter<String> requests;

    public FoldRequestPublisher(@Channel("fold-requests") Emitter<String> requests) {
        this.requests = requests;
    }

    /** Sends the request; the stage completes when the broker acknowledged it. */
    public CompletionStage<Void> publish(FoldTrainingRequested request) {
        return KeyedEvents.send(requests, request);
    }
}
