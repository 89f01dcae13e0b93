package dev.segfold.evaluator.service;

import dev.segfold.contracts.checkpoint.CheckpointManifest;
import dev.segfold.contracts.checkpoint.ManifestFile;
import dev.segfold.engine.training.checkpoint.CheckpointStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks downloaded checkpoint files against the manifest, so a partial or altered upload fails with
 * the file's name before any weights are loaded.
 */
public final class CheckpointIntegrity {
    private CheckpointIntegrity() {
    }

    /** Verifies every listed file in {@code folder}: present, same size, same SHA-256. */
    public static void verify(CheckpointManifest manifest, Path folder) throws CheckpointIntegrityException, IOException {
        for (ManifestFile listed : manifest.files()) {
            Path file = folder.resolve(listed.name());
            if (!Files.isRegularFile(file)) {
                throw new CheckpointIntegrityException(listed.name(), "listed in the manifest but missing");
            }
            long size = Files.size(file);
            if (size != listed.size()) {
                throw new CheckpointIntegrityException(listed.name(),
                        "size " + size + " bytes, the manifest says " + listed.size());
            }
            String sha = CheckpointStore.sha256(file);
            if (!sha.equals(listed.sha256())) {
                throw new CheckpointIntegrityException(listed.name(),
                        "SHA-256 " + sha + " does not match the manifest's " + listed.sha256());
            }
        }
    }
}
