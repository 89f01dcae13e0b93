package dev.segfold.service.run;

import dev.segfold.contracts.storage.RunLayout;
import dev.segfold.service.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;

/** Reads a run's {@code run.json} from the runs bucket, fresh on every call (storage is the truth). */
@ApplicationScoped
public class RunDescriptions {
    private final ObjectStore store;

    public RunDescriptions(ObjectStore store) {
        this.store = store;
    }

    /**
     * @throws IllegalArgumentException if the run has no run.json or it is unusable (the message
     *                                  names bucket, key and field)
     */
    public RunDescription read(String runId) {
        String bucket = store.buckets().runs();
        String key = RunLayout.of(runId).runJson();
        if (!store.exists(bucket, key)) {
            throw new IllegalArgumentException(bucket + "/" + key + " does not exist");
        }
        return RunDescription.parse(runId, store.get(bucket, key), bucket + "/" + key);
    }
}
