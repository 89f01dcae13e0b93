package dev.segfold.trainer.service;

import dev.segfold.contracts.checkpoint.CheckpointManifest;
import dev.segfold.contracts.checkpoint.ManifestFile;
import dev.segfold.contracts.events.FoldId;
import dev.segfold.contracts.json.ContractJson;
import dev.segfold.contracts.storage.CheckpointLayout;
import dev.segfold.contracts.storage.FoldLayout;
import dev.segfold.engine.training.checkpoint.CheckpointStore;
import dev.segfold.service.storage.ObjectStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * One fold's checkpoints in the runs bucket ({@code <run>/<configuration>/fold<k>/iter_<n>/}).
 * A checkpoint is complete exactly when its {@code checkpoint.json} exists and reads as a
 * manifest: uploads write every file first and the manifest last, deletions remove the manifest
 * first, so no reader ever takes a half checkpoint for a complete one.
 */
public final class BucketCheckpoints {
    private static final Logger LOG = Logger.getLogger(BucketCheckpoints.class);
    private static final Pattern ITER = Pattern.compile("iter_(\\d{1,9})/(.+)");

    private final ObjectStore store;
    private final String bucket;
    private final FoldId fold;
    private final FoldLayout layout;

    public BucketCheckpoints(ObjectStore store, String bucket, FoldId fold) {
        this.store = store;
        this.bucket = bucket;
        this.fold = fold;
        this.layout = fold.layout();
    }

    /** The object keys of every {@code iter_<n>/} folder, complete or not, by iteration. */
    public Map<Integer, List<String>> folders() {
        Map<Integer, List<String>> byIteration = new TreeMap<>();
        for (String key : store.list(bucket, layout.prefix())) {
            Matcher m = ITER.matcher(key.substring(layout.prefix().length()));
            if (m.matches()) {
                byIteration.computeIfAbsent(Integer.parseInt(m.group(1)), i -> new ArrayList<>()).add(key);
            }
        }
        return byIteration;
    }

    /** The complete checkpoints, by iteration; a manifest that does not read is skipped with a warning. */
    public Map<Integer, CheckpointManifest> complete() {
        Map<Integer, CheckpointManifest> out = new TreeMap<>();
        for (Map.Entry<Integer, List<String>> e : folders().entrySet()) {
            String manifestKey = layout.checkpoint(e.getKey()).manifest();
            if (e.getValue().contains(manifestKey)) {
                readManifest(e.getKey()).ifPresent(m -> out.put(e.getKey(), m));
            }
        }
        return out;
    }

    /** The complete checkpoint with the highest iteration. */
    public Optional<CheckpointManifest> newest() {
        return complete().values().stream().reduce((a, b) -> b);
    }

    /** The final checkpoint, if the fold finished. */
    public Optional<CheckpointManifest> finalCheckpoint() {
        return complete().values().stream().filter(CheckpointManifest::finalCheckpoint).reduce((a, b) -> b);
    }

    private Optional<CheckpointManifest> readManifest(int iteration) {
        String key = layout.checkpoint(iteration).manifest();
        try {
            CheckpointManifest m = ContractJson.read(store.get(bucket, key), CheckpointManifest.class);
            if (m.iteration() != iteration || m.fold() != fold.fold()
                    || !m.configuration().equals(fold.configuration()) || !m.runId().equals(fold.runId())) {
                LOG.warnf("%s/%s describes %s iteration %d, not this folder: ignored", bucket, key,
                        m.layout().prefix(), m.iteration());
                return Optional.empty();
            }
            return Optional.of(m);
        } catch (IllegalArgumentException e) {
            LOG.warnf("%s/%s is not a valid checkpoint manifest, the checkpoint counts as incomplete: %s",
                    bucket, key, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Uploads a local checkpoint folder: every file the manifest lists, then the manifest.
     *
     * @return the manifest as stored
     */
    public CheckpointManifest upload(Path folder, CheckpointManifest manifest) {
        return upload(folder, manifest, () -> { });
    }

    /**
     * Uploads a local checkpoint folder: every file the manifest lists, then {@code beforeManifest}
     * (the trainer's fencing check, which throws when it may no longer write), then the manifest.
     *
     * @return the manifest as stored
     */
    public CheckpointManifest upload(Path folder, CheckpointManifest manifest, Runnable beforeManifest) {
        CheckpointLayout keys = layout.checkpoint(manifest.iteration());
        for (ManifestFile file : manifest.files()) {
            store.put(bucket, keys.file(file.name()), folder.resolve(file.name()));
        }
        beforeManifest.run();
        store.put(bucket, keys.manifest(), ContractJson.write(manifest), "application/json");
        return manifest;
    }

    /**
     * Uploads the fold's best checkpoint into {@code best/}, replacing the one there: the old
     * manifest is removed first, so a reader never takes the new files for the old checkpoint,
     * then the files, then the new manifest.
     *
     * @return the manifest as stored
     */
    public CheckpointManifest uploadBest(Path folder, CheckpointManifest manifest) {
        if (!manifest.best()) {
            throw new IllegalArgumentException("uploadBest takes a manifest with role BEST, got " + manifest.role());
        }
        CheckpointLayout keys = manifest.layout();
        store.remove(bucket, keys.manifest());
        for (ManifestFile file : manifest.files()) {
            store.put(bucket, keys.file(file.name()), folder.resolve(file.name()));
        }
        store.put(bucket, keys.manifest(), ContractJson.write(manifest), "application/json");
        return manifest;
    }

    /** The fold's best checkpoint by the validation moving average, if one was written. */
    public Optional<CheckpointManifest> best() {
        String key = layout.bestManifest();
        if (!store.exists(bucket, key)) {
            return Optional.empty();
        }
        return Optional.of(ContractJson.read(store.get(bucket, key), CheckpointManifest.class));
    }

    /**
     * Downloads a complete checkpoint into {@code folder} (its {@code iter_<n>/}): the listed files,
     * each checked against the manifest, then the manifest last, so that a download cut short leaves
     * a folder the engine treats as incomplete.
     */
    public void download(CheckpointManifest manifest, Path folder) throws IOException {
        CheckpointLayout keys = layout.checkpoint(manifest.iteration());
        Files.createDirectories(folder);
        Files.deleteIfExists(folder.resolve(CheckpointLayout.MANIFEST));
        for (ManifestFile file : manifest.files()) {
            Path target = store.download(bucket, keys.file(file.name()), folder.resolve(file.name()));
            long size = Files.size(target);
            String sha = CheckpointStore.sha256(target);
            if (size != file.size() || !sha.equals(file.sha256())) {
                throw new IOException(bucket + "/" + keys.file(file.name()) + ": size " + size + " SHA-256 " + sha
                        + " do not match the manifest's " + file.size() + " " + file.sha256());
            }
        }
        Path tmp = folder.resolve(CheckpointLayout.MANIFEST + ".download");
        Files.write(tmp, store.get(bucket, keys.manifest()));
        Files.move(tmp, folder.resolve(CheckpointLayout.MANIFEST), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Deletes what {@link Retention} calls obsolete: all but the final and the newest {@code keep}
     * complete checkpoints, and incomplete folders older than the newest complete one. The manifest
     * of a folder goes first. A folder whose manifest does not read is left alone.
     *
     * @return the iterations whose folders were deleted
     */
    public List<Integer> prune(int keep) {
        Map<Integer, List<String>> folders = folders();
        Map<Integer, Boolean> complete = new TreeMap<>();
        complete().forEach((iteration, m) -> complete.put(iteration, m.finalCheckpoint()));
        Set<Integer> incomplete = new TreeSet<>();
        folders.forEach((iteration, keys) -> {
            if (!keys.contains(layout.checkpoint(iteration).manifest())) {
                incomplete.add(iteration);
            }
        });
        List<Integer> deleted = Retention.obsolete(complete, incomplete, keep);
        for (int iteration : deleted) {
            deleteFolder(iteration, folders.get(iteration));
        }
        return deleted;
    }

    private void deleteFolder(int iteration, List<String> keys) {
        String manifestKey = layout.checkpoint(iteration).manifest();
        if (keys.contains(manifestKey)) {
            store.remove(bucket, manifestKey);
        }
        for (String key : keys) {
            if (!key.equals(manifestKey)) {
                store.remove(bucket, key);
            }
        }
    }
}
