package dev.segfold.config.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segfold.config.projection.RunProjection;
import dev.segfold.config.projection.RunState;
import dev.segfold.config.projection.RunView;
import dev.segfold.config.projection.StoredRunViews;
import dev.segfold.config.retry.FoldAttempts;
import dev.segfold.contracts.json.ContractJson;
import dev.segfold.contracts.storage.KeySegments;
import dev.segfold.contracts.storage.RunLayout;
import dev.segfold.service.storage.ObjectStore;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.jboss.logging.Logger;

/**
 * Keeps every run listed however old (issue 9): at start-up, every run folder of the runs bucket
 * with a {@code run.json} is remembered in the projection with the state its objects show, so that
 * a run whose status events aged out of {@code segfold.status} (7-day delete retention) is still in
 * {@code GET /runs} and {@code GET /runs/{id}}. Storage is the source of truth for what a run is
 * (DESIGN §3); the topic is not made compacted, because its events are facts in order (progress,
 * checkpoints), which compaction by key would thin to the newest of each key.
 *
 * <p>Runs in a background thread, retried every {@link #RETRY} while the store is away, so a slow
 * or absent store never holds up the API; the events' view replaces a stored view as soon as any
 * event of the run is applied.
 */
@ApplicationScoped
public class StoredRuns {
    static final Duration RETRY = Duration.ofSeconds(30);
    private static final Logger LOG = Logger.getLogger(StoredRuns.class);

    private final ObjectStore store;
    private final RunFiles files;
    private final RunProjection projection;
    private final java.util.concurrent.ScheduledExecutorService loader =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "stored-runs");
                t.setDaemon(true);
                return t;
            });

    public StoredRuns(ObjectStore store, RunFiles files, RunProjection projection) {
        this.store = store;
        this.files = files;
        this.projection = projection;
    }

    void onStart(@Observes StartupEvent start) {
        loader.execute(this::loadOrRetry);
    }

    void onStop(@Observes ShutdownEvent stop) {
        loader.shutdownNow();
    }

    /** One listing; on failure the next one is scheduled {@link #RETRY} later, until the service stops. */
    private void loadOrRetry() {
        try {
            int n = load();
            LOG.infof("%d runs found in %s", n, store.buckets().runs());
        } catch (RuntimeException e) {
            LOG.warnf("listing the runs in %s failed (%s); trying again in %s", store.buckets().runs(),
                    e.getMessage(), RETRY);
            loader.schedule(this::loadOrRetry, RETRY.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        }
    }

    /** Remembers every stored run in the projection; returns how many. */
    public int load() {
        String bucket = store.buckets().runs();
        int n = 0;
        for (String folder : store.listFolders(bucket, "")) {
            String runId = folder.substring(0, folder.length() - 1);
            try {
                KeySegments.require("runId", runId);
            } catch (IllegalArgumentException e) {
                continue; // not a run's folder
            }
            Optional<JsonNode> runJson = files.runJson(runId);
            if (runJson.isPresent()) {
                projection.remember(view(runId, runJson.get()));
                n++;
            }
        }
        return n;
    }

    /** The run's view from its objects: submission, cancel marker, folds that failed for good. */
    RunView view(String runId, JsonNode runJson) {
        String bucket = store.buckets().runs();
        RunLayout layout = RunLayout.of(runId);
        OptionalLong submission = store.size(bucket, layout.submission());
        if (submission.isPresent()) {
            return StoredRunViews.of(runJson, RunState.COMPLETED, null, new RunView.SubmissionView(
                    layout.submission(), submission.getAsLong(), null, List.of()));
        }
        if (store.exists(bucket, layout.cancelMarker())) {
            JsonNode marker = readTree(store.get(bucket, layout.cancelMarker()));
            return StoredRunViews.of(runJson, RunState.CANCELLED, RunProjection.CANCELLED_PREFIX + "by "
                    + marker.path("requestedBy").asText("?"), null);
        }
        List<String> failed = new ArrayList<>();
        for (String key : store.list(bucket, layout.prefix() + "attempts/")) {
            FoldAttempts attempts = ContractJson.read(store.get(bucket, key), FoldAttempts.class);
            if (attempts.gaveUpAt() != null) {
                failed.add("stage " + attempts.fold().stage() + " " + attempts.fold().configuration() + " fold "
                        + attempts.fold().fold() + " failed for good with attempt " + attempts.gaveUpAt());
            }
        }
        if (!failed.isEmpty()) {
            return StoredRunViews.of(runJson, RunState.FAILED, String.join("; ", failed), null);
        }
        return StoredRunViews.pending(runJson);
    }

    private static JsonNode readTree(byte[] json) {
        try {
            return ContractJson.mapper().readTree(json);
        } catch (java.io.IOException e) {
            return ContractJson.mapper().createObjectNode();
        }
    }
}
