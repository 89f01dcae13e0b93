package dev.segfold.packager.service;

import dev.segfold.contracts.events.EnsemblePredicted;
import dev.segfold.contracts.events.RunFailed;
import dev.segfold.contracts.events.SubmissionReady;
import dev.segfold.contracts.storage.RunLayout;
import dev.segfold.service.run.RunDescription;
import dev.segfold.service.run.RunDescriptions;
import dev.segfold.service.status.StatusPublisher;
import dev.segfold.service.storage.ObjectStore;
import dev.segfold.service.workspace.LocalFolders;
import dev.segfold.service.workspace.RunWorkspaces;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * Packages a run once per set of inputs: when {@code package/manifest.json} exists, lists the same
 * inputs (folds, cases, final checkpoints, ensemble files) and every archive it lists exists, a
 * re-delivered event does nothing. Otherwise the archives are built and uploaded, the manifest is
 * written last and {@code SubmissionReady} goes to status. The event names keys, size and digest
 * but no download URL: status events are replayed to every reader, and a presigned URL is a bearer
 * credential; people download through the config-service's {@code GET /runs/{id}/submission}.
 */
@ApplicationScoped
public class RunPackager {
    private static final Logger LOG = Logger.getLogger(RunPackager.class);
    private static final long PUBLISH_TIMEOUT_S = 60;

    /** What handling one event led to. */
    public enum Outcome {
        /** The package was built and announced. */
        PACKAGED,
        /** A package with a matching manifest exists. */
        ALREADY_DONE,
        /** A RunFailed was published. */
        FAILED
    }

    private final ObjectStore store;
    private final RunDescriptions runs;
    private final RunWorkspaces workspaces;
    private final PackageBuilder builder;
    private final StatusPublisher status;
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    public RunPackager(ObjectStore store, RunDescriptions runs, RunWorkspaces workspaces, PackageBuilder builder,
            StatusPublisher status) {
        this.store = store;
        this.runs = runs;
        this.workspaces = workspaces;
        this.builder = builder;
        this.status = status;
    }

    /** Handles one {@code EnsemblePredicted}; failures are reported as {@code RunFailed}, never thrown. */
    public Outcome onEnsemble(EnsemblePredicted event) {
        ReentrantLock lock = locks.computeIfAbsent(event.runId(), k -> new ReentrantLock());
        lock.lock();
        try {
            return packageRun(event);
        } catch (Exception e) {
            String reason = "packaging of run " + event.runId() + " failed: "
                    + (e.getMessage() == null ? e.getClass().getName() : e.getMessage());
            LOG.error(reason, e);
            try {
                status.publish(new RunFailed(event.runId(), reason, Instant.now())).toCompletableFuture()
                        .get(PUBLISH_TIMEOUT_S, TimeUnit.SECONDS);
            } catch (Exception publish) {
                LOG.errorf(publish, "could not publish RunFailed for run %s", event.runId());
            }
            return Outcome.FAILED;
        } finally {
            lock.unlock();
        }
    }

    private Outcome packageRun(EnsemblePredicted event) throws Exception {
        RunDescription run = runs.read(event.runId());
        RunLayout keys = RunLayout.of(event.runId());
        String bucket = store.buckets().runs();
        String manifestKey = keys.packagePrefix() + PackageManifest.FILE_NAME;
        Path work = LocalFolders.clean(workspaces.workDir().resolve("packages").resolve(event.runId()));
        try {
            PackageBuilder.Gathered gathered = builder.gather(event, run, work);
            if (store.exists(bucket, manifestKey)
                    && matches(PackageManifest.fromJson(store.get(bucket, manifestKey)), gathered)) {
                return Outcome.ALREADY_DONE;
            }
            PackageManifest manifest = builder.build(event, run, gathered, work);
            store.put(bucket, manifestKey, manifest.toJson(), "application/json");
            PackageManifest.PackagedFile submission = manifest.files().get(0);
            SubmissionReady ready = new SubmissionReady(event.runId(), submission.key(), submission.size(),
                    submission.sha256(), manifest.files().stream().skip(1).map(PackageManifest.PackagedFile::key).toList(),
                    Instant.now());
            try {
                status.publish(ready).toCompletableFuture().get(PUBLISH_TIMEOUT_S, TimeUnit.SECONDS);
            } catch (Exception e) {
                // unannounced, the package would never be announced: a re-delivery must redo it
                store.remove(bucket, manifestKey);
                throw e;
            }
            return Outcome.PACKAGED;
        } finally {
            LocalFolders.clean(work);
        }
    }

    private boolean matches(PackageManifest existing, PackageBuilder.Gathered gathered) {
        return existing.inputs().equals(gathered.inputs())
                && existing.files().stream().allMatch(f -> store.exists(store.buckets().runs(), f.key()));
    }
}
