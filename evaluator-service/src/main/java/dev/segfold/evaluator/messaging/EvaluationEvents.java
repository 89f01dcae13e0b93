package dev.segfold.evaluator.messaging;

import dev.segfold.service.messaging.KeyedEvents;
import dev.segfold.contracts.events.FoldEvaluated;
import dev.segfold.contracts.events.FoldFailed;
import dev.segfold.contracts.json.ContractJson;
import dev.segfold.evaluator.config.EvaluatorConfig;
import dev.segfold.evaluator.service.FoldEvents;
import dev.segfold.service.status.StatusPublisher;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes evaluation outcomes: {@code FoldEvaluated} on {@code segfold.evaluations} (keyed
 * {@code runId/stage/fold}, the contract JSON as value) and every outcome as a status event. Each
 * call waits for the broker's acknowledgement, so the evaluator writes its marker only after the
 * event is durable.
 */
@ApplicationScoped
public class EvaluationEvents implements FoldEvents {
    private final Emitter<String> evaluations;
    private final StatusPublisher status;
    private final EvaluatorConfig config;

    public EvaluationEvents(@Channel("evaluations") Emitter<String> evaluations, StatusPublisher status,
                            EvaluatorConfig config) {
        this.evaluations = evaluations;
        this.status = status;
        this.config = config;
    }

    @Override
    public void evaluated(FoldEvaluated event) {
        CompletionStage<Void> acked = KeyedEvents.send(evaluations, event);
        await(acked, "segfold.evaluations");
        await(status.publish(event), "segfold.status");
    }

    @Override
    public void failed(FoldFailed event) {
        await(status.publish(event), "segfold.status");
    }

    private void await(CompletionStage<Void> acked, String topic) {
        try {
            acked.toCompletableFuture().get(config.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing to " + topic, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("publishing to " + topic + " failed: " + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("publishing to " + topic + " was not acknowledged within "
                    + config.publishTimeout(), e);
        }
    }
}
