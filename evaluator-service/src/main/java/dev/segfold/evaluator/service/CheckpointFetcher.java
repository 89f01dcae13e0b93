package dev.segfold.evaluator.service;

import dev.segfold.contracts.checkpoint.CheckpointManifest;
import dev.segfold.contracts.checkpoint.ManifestFile;
import dev.segfold.contracts.storage.CheckpointLayout;
import dev.segfold.service.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Downloads a checkpoint's files into a local folder the engine can load, and verifies each against
 * the manifest before anything reads it.
 */
@ApplicationScoped
public class CheckpointFetcher {
    private final ObjectStore store;

    public CheckpointFetcher(ObjectStore store) {
        this.store = store;
    }

    /**
     * Fetches and verifies every file of {@code manifest} into {@code folder}, and writes the
     * manifest there too (the engine loads a checkpoint folder by its manifest and reads this
     * object-store form as well).
     *
     * @throws CheckpointIntegrityException a listed file is missing in storage or differs from the manifest
     * @throws dev.segfold.service.storage.ObjectStoreException the store failed
     */
    public Path fetch(CheckpointManifest manifest, byte[] manifestBytes, Path folder)
            throws CheckpointIntegrityException, IOException {
        String runs = store.buckets().runs();
        CheckpointLayout layout = manifest.layout();
        Files.createDirectories(folder);
        for (ManifestFile file : manifest.files()) {
            String key = layout.file(file.name());
            if (!store.exists(runs, key)) {
                throw new CheckpointIntegrityException(file.name(),
                        "listed in the manifest but missing from " + runs + "/" + key);
            }
            store.download(runs, key, folder.resolve(file.name()));
        }
        Files.write(folder.resolve(CheckpointLayout.MANIFEST), manifestBytes);
        CheckpointIntegrity.verify(manifest, folder);
        return folder;
    }
}
