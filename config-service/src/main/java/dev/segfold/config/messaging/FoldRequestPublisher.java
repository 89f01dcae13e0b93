package dev.segfold.config.messaging;

import dev.segfold.contracts.events.FoldTrainingRequested;
import dev.segfold.contracts.topics.FoldRequestPartitioner;
import dev.segfold.service.messaging.KeyedEvents;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/**
 * Sends {@link FoldTrainingRequested} to {@code segfold.fold-requests} (outgoing channel
 * {@code fold-requests}) as the event's contract JSON, keyed {@code runId/stage/fold}, on the
 * partition {@link FoldRequestPartitioner} gives the fold: a run's folds take consecutive
 * partitions, which the trainers' round-robin assignor hands to different trainers.
 */
@ApplicationScoped
public class FoldRequestPublisher {
    private final Emitter<String> requests;

    public FoldRequestPublisher(@Channel("fold-requests") Emitter<String> requests) {
        this.requests = requests;
    }

    /**
     * Sends the request; the stage completes when the broker acknowledged it.
     *
     * @param trainedFoldsByStage the folds the run trains in each stage (index = stage), the
     *                            partitioner's input
     */
    public CompletionStage<Void> publish(FoldTrainingRequested request, List<List<Integer>> trainedFoldsByStage) {
        int partition = FoldRequestPartitioner.DEFAULT.partition(request.fold(), trainedFoldsByStage);
        return KeyedEvents.send(requests, request, partition);
    }
}
