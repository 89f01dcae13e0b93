package dev.segfold.service.workspace;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segfold.contracts.storage.DatasetLayout;
import dev.segfold.contracts.storage.KeySegments;
import dev.segfold.contracts.storage.RunLayout;
import dev.segfold.engine.dataset.MsdDataset;
import dev.segfold.engine.workflow.DatasetDigest;
import dev.segfold.engine.workflow.ExperimentContext;
import dev.segfold.engine.workflow.ExperimentLayout;
import dev.segfold.engine.workflow.ExperimentListener;
import dev.segfold.engine.workflow.StageCache;
import dev.segfold.service.storage.ObjectStore;
import dev.segfold.service.storage.ObjectStore.StoredObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Downloads a data set or a run's files into the work folder and opens them with the engine.
 * A local data set is complete only when its marker file exists; the marker records the bucket
 * listing it was downloaded from (key, size, ETag of every object) and the digest of its bytes.
 * Every use lists the bucket again (one request, no data): a data set re-uploaded under the same
 * name is downloaded again, so its new digest keys its preprocessed cache and no stale copy is
 * ever trained on. A crash mid-download leaves no marker and leads to a fresh download.
 */
@ApplicationScoped
public class RunWorkspaces {
    /** The run's split next to plans.json (DESIGN §4 leaves it implicit). */
    public static final String SPLITS_FILE = "splits.json";
    /** The marker of a complete local data set (a {@link DatasetMarker} as JSON). */
    static final String COMPLETE = ".segfold-complete";

    private static final Logger LOG = Logger.getLogger(RunWorkspaces.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectStore store;
    private final Path workDir;
    private final StageCache stageCache;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    /**
     * @param stageCache where the preprocessed training cases of every experiment opened here are
     *                   shared (the cache bucket); null keeps them in each run's own folder
     */
    public RunWorkspaces(ObjectStore store, WorkspaceConfig config, StageCache stageCache) {
        this.store = store;
        this.workDir = config.workDir().toAbsolutePath();
        this.stageCache = stageCache;
    }

    public Path workDir() {
        return workDir;
    }

    /**
     * What a complete local data set was downloaded from.
     *
     * @param digest  {@link DatasetDigest#of} of the downloaded files
     * @param objects the bucket listing the files came from
     */
    record DatasetMarker(String digest, List<StoredObject> objects) {
    }

    /**
     * The data set from {@code segfold-datasets/<dataset>/}, downloaded on first use and again
     * whenever the bucket's listing differs from the one it was downloaded from.
     */
    public MsdDataset dataset(String dataset) throws IOException {
        KeySegments.require("dataset", dataset);
        Path folder = workDir.resolve("datasets").resolve(dataset);
        String bucket = store.buckets().datasets();
        DatasetLayout layout = DatasetLayout.of(dataset);
        synchronized (locks.computeIfAbsent("dataset/" + dataset, k -> new Object())) {
            List<StoredObject> objects = store.listObjects(bucket, layout.prefix());
            Optional<DatasetMarker> local = marker(folder);
            if (objects.stream().noneMatch(o -> o.key().equals(layout.datasetJson()))) {
                if (local.isPresent()) {
                    // Nothing stored is lost: a run that started on this data set can still finish.
                    LOG.warnf("bucket %s no longer holds %s; using the copy downloaded to %s", bucket,
                            layout.datasetJson(), folder);
                    return MsdDataset.open(folder);
                }
                throw new IllegalArgumentException("data set '" + dataset + "' has no dataset.json in bucket "
                        + bucket);
            }
            if (local.isEmpty() || !local.get().objects().equals(objects)) {
                if (local.isPresent()) {
                    LOG.infof("data set %s changed in bucket %s since it was downloaded to %s: downloading it again",
                            dataset, bucket, folder);
                }
                download(bucket, layout.prefix(), objects, folder);
            }
        }
        return MsdDataset.open(folder);
    }

    /**
     * The digest of a data set opened by {@link #dataset}, as recorded when it was downloaded;
     * computed from its files when the folder has no marker (a data set not downloaded here).
     */
    public static String datasetDigest(MsdDataset dataset) throws IOException {
        Optional<DatasetMarker> marker = marker(dataset.root());
        return marker.isPresent() ? marker.get().digest() : DatasetDigest.of(dataset);
    }

    /** Downloads into a fresh folder, takes the digest there, then swaps it in place of the old copy. */
    private void download(String bucket, String prefix, List<StoredObject> objects, Path folder) throws IOException {
        Path parent = folder.getParent();
        Files.createDirectories(parent);
        Path staging = parent.resolve("." + folder.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Path root = staging.toAbsolutePath().normalize();
            for (StoredObject o : objects) {
                String relative = o.key().substring(prefix.length());
                Path target = root.resolve(relative).normalize();
                if (relative.isEmpty() || !target.startsWith(root) || target.equals(root)) {
                    throw new IllegalArgumentException("object key '" + o.key() + "' in bucket " + bucket
                            + " escapes the download folder " + root);
                }
                store.download(bucket, o.key(), target);
            }
            String digest = DatasetDigest.of(MsdDataset.open(staging));
            JSON.writeValue(staging.resolve(COMPLETE).toFile(), new DatasetMarker(digest, objects));
            LocalFolders.replace(staging, folder);
        } finally {
            LocalFolders.deleteTree(staging);
        }
    }

    private static Optional<DatasetMarker> marker(Path folder) {
        Path file = folder.resolve(COMPLETE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            DatasetMarker m = JSON.readValue(file.toFile(), DatasetMarker.class);
            return m.digest() == null || m.objects() == null ? Optional.empty() : Optional.of(m);
        } catch (IOException e) {
            // An older marker (an empty file) or a damaged one: download again.
            return Optional.empty();
        }
    }

    /** The local folder of a run (the engine's experiment layout). */
    public ExperimentLayout runLayout(String runId) {
        KeySegments.require("runId", runId);
        return new ExperimentLayout(workDir.resolve("runs").resolve(runId));
    }

    /**
     * The run's plans and split, downloaded from {@code segfold-runs/<run>/}, opened on its data set,
     * with its preprocessed training cases shared through the cache bucket.
     * Never plans anew: the config-service planned the run and every fold must use those plans.
     */
    public ExperimentContext experiment(String runId, String dataset) throws IOException {
        MsdDataset ds = dataset(dataset);
        ExperimentLayout layout = runLayout(runId);
        RunLayout run = RunLayout.of(runId);
        synchronized (locks.computeIfAbsent("run/" + runId, k -> new Object())) {
            if (!Files.isRegularFile(layout.plansFile())) {
                store.download(store.buckets().runs(), run.plans(), layout.plansFile());
            }
            if (!Files.isRegularFile(layout.splitsFile())) {
                store.download(store.buckets().runs(), run.prefix() + SPLITS_FILE, layout.splitsFile());
            }
        }
        ExperimentContext context = ExperimentContext.open(ds, layout, null, ExperimentListener.SILENT);
        return stageCache == null ? context : context.withStageCache(stageCache);
    }
}
