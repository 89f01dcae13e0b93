package dev.segfold.predictor.messaging;

import dev.segfold.service.messaging.KeyedEvents;
import dev.segfold.contracts.events.SegfoldEvent;
import dev.segfold.contracts.json.ContractJson;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/** Publishes prediction events to {@code segfold.predictions} (channel {@code predictions}), keyed as the event says (a run, or run/stage/fold). */
@ApplicationScoped
public class PredictionsPublisher {
    private final Emitter<String> predictions;

    public PredictionsPublisher(@Channel("predictions") Emitter<String> predictions) {
        this.predictions = predictions;
    }

    /** Sends the event; the stage completes when the broker acknowledged it. */
    public CompletionStage<Void> publish(SegfoldEvent event) {
        return KeyedEvents.send(predictions, event);
    }
}
