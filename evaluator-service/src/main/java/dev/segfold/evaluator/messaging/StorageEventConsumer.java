package dev.segfold.evaluator.messaging;

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

    public StorageEventConsumer(CheckpointEvaluator evaluator, ObjectStore store) {
        this.evaluator = evaluator;
        this.store = store;
    }

    /** Handles one Kafka record's value. */
    @Incoming("storage-events")
    @Blocking(value = "evaluator-pool", ordered = false)
    public void onNotification(String value) {
        List<CheckpointRef> checkpoints = checkpoints(value, store.buckets().runs());
        List<String> failures = new ArrayList<>();
        for (CheckpointRef ref : checkpoints) {
            if (evaluator.handle(ref) instanceof EvaluationOutcome.Failed failed) {
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
