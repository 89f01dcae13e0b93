package dev.segfold.service.workspace;

import dev.segfold.contracts.storage.DatasetLayout;
import dev.segfold.contracts.storage.KeySegments;
import dev.segfold.contracts.storage.RunLayout;
import dev.segfold.engine.dataset.MsdDataset;
import dev.segfold.engine.workflow.ExperimentContext;
import dev.segfold.engine.workflow.ExperimentLayout;
import dev.segfold.engine.workflow.ExperimentListener;
import dev.segfold.service.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Downloads a data set or a run's files into the work folder once and opens them with the engine.
 * A data set is complete locally only when its marker file exists, so a crash mid-download leads to
 * a fresh download, never to a half data set.
 */
@ApplicationScoped
public class RunWorkspaces {
    /** The run's split next to plans.json (DESIGN §4 leaves it implicit). */
    public static final String SPLITS_FILE = "splits.json";
    private static final String COMPLETE = ".segfold-complete";

    private final ObjectStore store;
    private final Path workDir;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    public RunWorkspaces(ObjectStore store, WorkspaceConfig config) {
        this.store = store;
        this.workDir = config.workDir().toAbsolutePath();
    }

    public Path workDir() {
        return workDir;
    }

    /** The data set from {@code segfold-datasets/<dataset>/}, downloaded on first use. */
    public MsdDataset dataset(String dataset) throws IOException {
        KeySegments.require("dataset", dataset);
        Path folder = workDir.resolve("datasets").resolve(dataset);
        synchronized (locks.computeIfAbsent("dataset/" + dataset, k -> new Object())) {
            if (!Files.exists(folder.resolve(COMPLETE))) {
                String prefix = DatasetLayout.of(dataset).prefix();
                if (!store.exists(store.buckets().datasets(), DatasetLayout.of(dataset).datasetJson())) {
                    throw new IllegalArgumentException("data set '" + dataset + "' has no dataset.json in bucket "
                            + store.buckets().datasets());
                }
                store.downloadPrefix(store.buckets().datasets(), prefix, folder);
                Files.writeString(folder.resolve(COMPLETE), "");
            }
        }
        return MsdDataset.open(folder);
    }

    /** The local folder of a run (the engine's experiment layout). */
    public ExperimentLayout runLayout(String runId) {
        KeySegments.require("runId", runId);
        return new ExperimentLayout(workDir.resolve("runs").resolve(runId));
    }

    /**
     * The run's plans and split, downloaded from {@code segfold-runs/<run>/}, opened on its data set.
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
        return ExperimentContext.open(ds, layout, null, ExperimentListener.SILENT);
    }
}
