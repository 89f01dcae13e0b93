package dev.segfold.predictor.messaging;

import dev.segfold.contracts.events.RunEvent;
import dev.segfold.contracts.json.ContractJson;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/** Publishes prediction events to {@code segfold.predictions} (channel {@code predictions}), keyed by run. */
@ApplicationScoped
public class PredictionsPublisher {
    private final Emitter<String> predictions;

    public PredictionsPublisher(@Channel("predictions") Emitter<String> predictions) {
        this.predictions = predictions;
    }

    /** Sends the event; the stage completes when the broker acknowledged it. */
    public CompletionStage<Void> publish(RunEvent event) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        predictions.send(Message.of(ContractJson.writeString(event))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(event.key()).build())
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
}
