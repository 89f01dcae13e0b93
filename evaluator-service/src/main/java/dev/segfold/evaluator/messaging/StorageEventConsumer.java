package dev.segfold.evaluator.messaging;

import dev.segfold.evaluator.service.EvaluationOutcome;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.MeterRegistry;
import dev.segfold.contracts.storage.CheckpointLayout;
import dev.segfold.contracts.storage.CheckpointRef;
import dev.segfold.contracts.storage.notification.StorageNotification;
import dev.segfold.contracts.storage.notification.StorageRecord;
import dev.segfold.evaluator.service.CheckpointEvaluator;
import dev.segfold.evaluator.service.EvaluationOutcome;
import dev.segfold.service.storage.ObjectStore;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes MinIO-format bucket notifications and evaluates each {@code checkpoint.json} created in
 * the runs bucket. Everything else (other buckets, other objects, removals) is ignored after
 * parsing the record, without touching storage.
 *
 * <p>A record that is not a notification, or whose checkpoint could not be evaluated, makes this
 * method throw: the connector's failure strategy then moves the record to the service's dead-letter
 * topic (with the reason in its headers) and consumption continues. Evaluation failures are also
 * announced as {@code FoldFailed} first.
 */
@ApplicationScoped
public class StorageEventConsumer {
    private final CheckpointEvaluator evaluator;
    private final ObjectStore store;
    private final MeterRegistry meters;

    public StorageEventConsumer(CheckpointEvaluator evaluator, ObjectStore store, MeterRegistry meters) {
        this.evaluator = evaluator;
        this.store = store;
        this.meters = meters;
    }

    /** Handles one Kafka record's value. */
    @Incoming("storage-events")
    @Blocking(value = "evaluator-pool", ordered = false)
    public void onNotification(String value) {
        List<CheckpointRef> checkpoints = checkpoints(value, store.buckets().runs());
        List<String> failures = new ArrayList<>();
        for (CheckpointRef ref : checkpoints) {
            Timer.Sample sample = Timer.start(meters);
            EvaluationOutcome outcome = evaluator.handle(ref);
            String result = outcome instanceof EvaluationOutcome.Evaluated ? "evaluated"
                    : outcome instanceof EvaluationOutcome.Skipped ? "skipped" : "failed";
            // segfold_evaluator_evaluations_total{outcome} and, for checkpoints evaluated, the latency
            // from the notification to FoldEvaluated: segfold_evaluator_evaluation_seconds
            meters.counter("segfold.evaluator.evaluations", "outcome", result).increment();
            if (outcome instanceof EvaluationOutcome.Evaluated) {
                sample.stop(Timer.builder("segfold.evaluator.evaluation")
                        .description("validation, Dice and postprocessing choice of one final checkpoint")
                        .register(meters));
            }
            if (outcome instanceof EvaluationOutcome.Failed failed) {
                failures.add(failed.event().reason());
            }
        }
        if (!failures.isEmpty()) {
            throw new CheckpointNotEvaluatedException(String.join("; ", failures));
        }
    }

    /**
     * The checkpoint manifests a notification announces as created in {@code runsBucket}.
     *
     * @throws IllegalArgumentException when the value is empty or not a storage notification
     */
    public static List<CheckpointRef> checkpoints(String value, String runsBucket) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("storage notification is empty");
        }
        StorageNotification notification = StorageNotification.parse(value);
        List<CheckpointRef> refs = new ArrayList<>();
        for (StorageRecord record : notification.records()) {
            if (record.created() && record.bucket().equals(runsBucket)) {
                Optional<CheckpointRef> ref = CheckpointLayout.parseManifestKey(record.objectKey());
                ref.ifPresent(refs::add);
            }
        }
        return refs;
    }
}
