package dev.segfold.config.service;

import dev.segfold.config.projection.RunProjection;
import dev.segfold.contracts.events.RunFailed;
import dev.segfold.contracts.json.ContractJson;
import dev.segfold.contracts.storage.RunLayout;
import dev.segfold.service.status.StatusPublisher;
import dev.segfold.service.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Cancels a run: writes the marker object {@code segfold-runs/<run>/cancel} (trainers poll it
 * between iterations and stop; storage is the source of truth, so a trainer that starts later sees
 * it too), then publishes {@code RunFailed} with a reason starting {@code "cancelled: "}, which the
 * projection shows as {@code CANCELLED}.
 */
@ApplicationScoped
public class RunCancellation {
    private final ObjectStore store;
    private final StatusPublisher status;
    private final Clock clock;

    public RunCancellation(ObjectStore store, StatusPublisher status, Clock clock) {
        this.store = store;
        this.status = status;
        this.clock = clock;
    }

    /** The marker's key: {@code <run>/cancel}. */
    public static String markerKey(String runId) {
        return RunLayout.of(runId).cancelMarker();
    }

    /**
     * Writes the marker and publishes the cancellation; returns the marker's key.
     *
     * @param requestedBy who cancels: the caller's principal (an identity, never a credential)
     */
    public String cancel(String runId, String requestedBy) throws InterruptedException {
        Instant now = clock.instant();
        String key = markerKey(runId);
        store.put(store.buckets().runs(), key, ContractJson.write(Map.of("runId", runId, "requestedAt", now.toString(),
                "requestedBy", requestedBy)), "application/json");
        try {
            status.publish(new RunFailed(runId, RunProjection.CANCELLED_PREFIX + "by " + requestedBy, now))
                    .toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("run " + runId + " is cancelled in storage (" + key
                    + "), but its RunFailed event was not acknowledged: " + e.getMessage(), e);
        }
        return key;
    }
}
