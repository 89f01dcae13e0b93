package dev.segfold.predictor.messaging;

import dev.segfold.contracts.events.FoldTrainingRequested;
import dev.segfold.contracts.topics.FoldRequestPartitioner;
import dev.segfold.service.messaging.KeyedEvents;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/**
 * Sends a cascade's second-stage {@link FoldTrainingRequested} to {@code segfold.fold-requests}
 * (outgoing channel {@code fold-requests}), keyed {@code runId/stage/fold}, on the partition
 * {@link FoldRequestPartitioner} gives the fold, the same function the config-service uses for
 * stage 0, so a run's folds of both stages spread over the trainers alike.
 */
@ApplicationScoped
public class FoldRequestsPublisher {
    private final Emitter<String> requests;

    public FoldRequestsPublisher(@Channel("fold-requests") Emitter<String> requests) {
        this.requests = requests;
    }

    /**
     * Sends the request; the stage completes when the broker acknowledged it.
     *
     * @param trainedFoldsByStage the folds the run trains in each stage (index = stage)
     */
    public CompletionStage<Void> publish(FoldTrainingRequested request, List<List<Integer>> trainedFoldsByStage) {
        int partition = FoldRequestPartitioner.DEFAULT.partition(request.fold(), trainedFoldsByStage);
        return KeyedEvents.send(requests, request, partition);
    }
}
