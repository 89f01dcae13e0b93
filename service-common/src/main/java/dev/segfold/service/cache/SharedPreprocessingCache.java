package dev.segfold.service.cache;

import dev.segfold.contracts.cache.CacheManifest;
import dev.segfold.contracts.checkpoint.ManifestFile;
import dev.segfold.contracts.json.ContractJson;
import dev.segfold.contracts.storage.CacheLayout;
import dev.segfold.engine.dataset.MsdDataset;
import dev.segfold.engine.preprocess.CacheKey;
import dev.segfold.engine.preprocess.PreprocessedCaseStore;
import dev.segfold.engine.workflow.PreprocessingReport;
import dev.segfold.engine.workflow.PreprocessingReport.Source;
import dev.segfold.engine.workflow.StageCache;
import dev.segfold.engine.workflow.StagePreprocessing;
import dev.segfold.service.status.ServiceIdentity;
import dev.segfold.service.storage.ObjectStore;
import dev.segfold.service.storage.ObjectStoreException;
import dev.segfold.service.workspace.LocalFolders;
import dev.segfold.service.workspace.RunWorkspaces;
import dev.segfold.service.workspace.WorkspaceConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Shares preprocessed training cases through the cache bucket, one entry per data set (its bytes'
 * digest), plans (digest) and configuration: {@code segfold-cache/<dataset>/<plans>/<configuration>/}
 * with the case files under {@code cases/} and {@code manifest.json} (sizes and SHA-256 of every
 * file) uploaded last. Locally the cases live once per machine in {@code <work>/cache/}, so a
 * second run on the same data and plans reads them without a download.
 *
 * <p>Filling a stage ({@link #fill}):
 * <ol>
 *   <li>a complete local entry (its marker lists every file with its size): used as it is;</li>
 *   <li>else a complete bucket entry (its manifest exists and names this key and the data set's
 *       cases): every file is downloaded into a staging folder, checked against the manifest, then
 *       moved into place, data before headers, the local marker last;</li>
 *   <li>else, or when the entry is rejected (a manifest that does not parse or names another
 *       entry, a missing object, a size or SHA-256 that differs), every training case is computed
 *       here and uploaded: case files first, the manifest last.</li>
 * </ol>
 * Two services that miss together both compute and upload; preprocessing is deterministic, so
 * they upload the same bytes, and neither reads the entry before a manifest exists. A rejected
 * entry is never used: it is logged with the key and the reason and rewritten from the cases
 * computed here.
 */
@ApplicationScoped
public class SharedPreprocessingCache implements StageCache {
    private static final Logger LOG = Logger.getLogger(SharedPreprocessingCache.class);

    private final ObjectStore store;
    private final boolean shared;
    private final Path root;
    private final PreprocessedCaseStore local;
    private final String instance;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    @Inject
    public SharedPreprocessingCache(ObjectStore store, WorkspaceConfig workspace, CacheConfig config,
            ServiceIdentity identity) {
        this(store, workspace.workDir().toAbsolutePath().resolve("cache"), config.shared(),
                identity.name().name().toLowerCase(java.util.Locale.ROOT) + "-"
                        + System.getenv().getOrDefault("HOSTNAME", "local") + "-" + UUID.randomUUID().toString()
                        .substring(0, 8));
    }

    /**
     * @param root     this machine's cache folder
     * @param shared   whether the bucket is read and written
     * @param instance who computes, recorded in the manifests this instance writes
     */
    public SharedPreprocessingCache(ObjectStore store, Path root, boolean shared, String instance) {
        this.store = store;
        this.shared = shared;
        this.root = root;
        this.local = new PreprocessedCaseStore(root);
        this.instance = instance;
    }

    @Override
    public PreprocessedCaseStore localStore() {
        return local;
    }

    /** The digest recorded when the data set was downloaded (hashing it again per fold would cost a read of every file). */
    @Override
    public String datasetDigest(MsdDataset dataset) throws IOException {
        return RunWorkspaces.datasetDigest(dataset);
    }

    @Override
    public PreprocessingReport fill(StagePreprocessing stage) throws IOException {
        CacheKey key = stage.cacheKey();
        synchronized (locks.computeIfAbsent(key.relativePath(), k -> new Object())) {
            long start = System.nanoTime();
            PreprocessingReport report = fillLocked(stage, key, start);
            LOG.infof("%s: %s", key.configuration(), report.describe());
            return report;
        }
    }

    private PreprocessingReport fillLocked(StagePreprocessing stage, CacheKey key, long start) throws IOException {
        CacheLayout layout = CacheLayout.of(key.datasetDigest(), key.plansDigest());
        String entry = bucket() + "/" + layout.entryPrefix(key.configuration());
        Path folder = local.folder(key);
        List<String> caseIds = stage.caseIds();

        Optional<CacheManifest> here = CacheEntries.readLocal(folder, key, caseIds);
        if (here.isPresent()) {
            String note = shared ? restoreIfAbsent(here.get(), entry) : null;
            return report(entry, Source.LOCAL, here.get(), start, note);
        }
        if (!shared) {
            return compute(stage, key, entry, start, "shared cache off (segfold.cache.shared=false)", false);
        }
        Lookup found = lookup(key, caseIds);
        if (found.manifest() != null) {
            try {
                download(found.manifest(), folder);
                return report(entry, Source.DOWNLOADED, found.manifest(), start, null);
            } catch (RejectedEntryException e) {
                LOG.warnf("cache entry %s rejected, computing it here instead: %s", entry, e.getMessage());
                return compute(stage, key, entry, start, "entry rejected: " + e.getMessage(), true);
            }
        }
        if (found.rejected() != null) {
            LOG.warnf("cache entry %s rejected, computing it here instead: %s", entry, found.rejected());
            return compute(stage, key, entry, start, "entry rejected: " + found.rejected(), true);
        }
        return compute(stage, key, entry, start, "no complete entry (" + bucket() + "/"
                + layout.manifest(key.configuration()) + " does not exist)", false);
    }

    /**
     * The bucket's manifest of {@code key}: found, absent (both fields null) or rejected (with the
     * reason). A storage error other than "no such key" propagates: the caller's job is retried.
     */
    private record Lookup(CacheManifest manifest, String rejected) {
    }

    private Lookup lookup(CacheKey key, List<String> caseIds) {
        String manifestKey = CacheLayout.of(key.datasetDigest(), key.plansDigest()).manifest(key.configuration());
        String where = bucket() + "/" + manifestKey;
        if (!store.exists(bucket(), manifestKey)) {
            return new Lookup(null, null);
        }
        CacheManifest manifest;
        try {
            manifest = ContractJson.read(store.get(bucket(), manifestKey), CacheManifest.class);
        } catch (IllegalArgumentException e) {
            return new Lookup(null, where + " is not a valid cache manifest: " + e.getMessage());
        }
        Optional<String> mismatch = CacheEntries.mismatch(manifest, key, caseIds);
        return mismatch.map(reason -> new Lookup(null, where + ": " + reason))
                .orElseGet(() -> new Lookup(manifest, null));
    }

    /** Downloads and checks every file in a staging folder, then moves them into place and marks the entry. */
    private void download(CacheManifest manifest, Path folder) throws IOException {
        Path staging = root.resolve(".staging").resolve(UUID.randomUUID().toString());
        try {
            Files.createDirectories(staging);
            for (ManifestFile f : manifest.files()) {
                String key = manifest.fileKey(f);
                String where = bucket() + "/" + key;
                Path file = staging.resolve(f.name());
                try {
                    store.download(bucket(), key, file);
                } catch (ObjectStoreException e) {
                    throw new RejectedEntryException(where + " is listed in the manifest but could not be read: "
                            + e.getMessage());
                }
                CacheEntries.verify(file, f, where);
            }
            Files.createDirectories(folder);
            for (ManifestFile f : CacheEntries.writeOrder(manifest)) {
                Files.move(staging.resolve(f.name()), folder.resolve(f.name()), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            }
            CacheEntries.writeLocal(folder, manifest);
        } finally {
            LocalFolders.deleteTree(staging);
        }
    }

    /**
     * Computes every case here (cases this machine already holds are kept), marks the local entry
     * and offers it to the bucket.
     *
     * @param repair whether the bucket holds a rejected entry, whose objects must be rewritten even
     *               when its manifest lists the same content
     */
    private PreprocessingReport compute(StagePreprocessing stage, CacheKey key, String entry, long start, String why,
            boolean repair) throws IOException {
        LOG.infof("cache miss %s: %s; preprocessing %d training cases", entry, why, stage.caseIds().size());
        stage.computeAll();
        CacheManifest mine = CacheEntries.describe(local, key, stage.caseIds(), Instant.now(), instance);
        CacheEntries.writeLocal(local.folder(key), mine);
        String note = why;
        if (shared) {
            String failed = upload(mine, repair);
            note = failed == null ? why : why + "; " + failed;
        }
        return report(entry, Source.COMPUTED, mine, start, note);
    }

    /**
     * Uploads the local entry: case files first, the manifest last. Skipped when the bucket already
     * holds a manifest with the same content (another instance finished first) and nothing needs
     * repair. A failure is returned as a note, not thrown: the cases are complete on this machine,
     * and the next user computes them again.
     */
    private String upload(CacheManifest mine, boolean repair) {
        Path folder = local.folder(new CacheKey(mine.datasetDigest(), mine.plansDigest(), mine.configuration()));
        try {
            if (!repair) {
                Lookup now = lookup(new CacheKey(mine.datasetDigest(), mine.plansDigest(), mine.configuration()),
                        mine.caseIds());
                if (now.manifest() != null && now.manifest().sameContent(mine)) {
                    LOG.infof("%s/%s was completed meanwhile by %s with the same content: nothing to upload",
                            bucket(), mine.manifestKey(), now.manifest().createdBy());
                    return null;
                }
            }
            for (ManifestFile f : CacheEntries.writeOrder(mine)) {
                store.put(bucket(), mine.fileKey(f), folder.resolve(f.name()));
            }
            // Last: only now is the entry complete for every other reader.
            store.put(bucket(), mine.manifestKey(), ContractJson.write(mine), "application/json");
            LOG.infof("uploaded cache entry %s/%s: %d cases, %d bytes", bucket(),
                    mine.layout().entryPrefix(mine.configuration()), mine.caseIds().size(), mine.totalBytes());
            return null;
        } catch (ObjectStoreException | IllegalArgumentException e) {
            LOG.warnf("could not upload cache entry %s/%s: %s; this machine keeps its cases", bucket(),
                    mine.layout().entryPrefix(mine.configuration()), e.getMessage());
            return "upload failed: " + e.getMessage();
        }
    }

    /** A bucket that lost an entry this machine holds (deleted by hand) gets it back. */
    private String restoreIfAbsent(CacheManifest here, String entry) {
        try {
            if (store.exists(bucket(), here.manifestKey())) {
                return null;
            }
        } catch (ObjectStoreException e) {
            LOG.warnf("could not look up %s/%s: %s", bucket(), here.manifestKey(), e.getMessage());
            return null;
        }
        LOG.infof("%s is missing from the bucket: uploading this machine's copy", entry);
        String failed = upload(here, true);
        return failed == null ? "restored the bucket's entry from this machine" : failed;
    }

    private static PreprocessingReport report(String entry, Source source, CacheManifest manifest, long start,
            String note) {
        return new PreprocessingReport(entry, source, manifest.caseIds().size(), manifest.totalBytes(),
                (System.nanoTime() - start) / 1e9, note);
    }

    private String bucket() {
        return store.buckets().cache();
    }
}
