package dev.segfold.contracts.checkpoint;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.segfold.contracts.storage.KeySegments;

/**
 * One file of a checkpoint, as listed in its manifest.
 *
 * @param name   file name inside {@code iter_<n>/}, e.g. {@code model.params}
 * @param size   size in bytes
 * @param sha256 SHA-256 of the content, lowercase hex
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ManifestFile(String name, long size, String sha256) {

    /** Validates the name as a key segment, the size and the digest. */
    public ManifestFile {
        KeySegments.require("ManifestFile.name", name);
        if (size < 0) {
            throw new IllegalArgumentException("ManifestFile " + name + ": size " + size + " is negative");
        }
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("ManifestFile " + name
                    + ": sha256 must be 64 lowercase hex digits");
        }
    }
}
