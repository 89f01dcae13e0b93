package dev.segfold.service.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segfold.contracts.checkpoint.ManifestFile;
import dev.segfold.contracts.storage.CheckpointLayout;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One complete checkpoint in the runs bucket, as its {@code checkpoint.json} describes it. The
 * manifest is read as a JSON tree: a trainer here writes the contracts' form, a person who trained
 * a fold elsewhere may write the engine's form; both carry {@code iteration}, {@code final} and
 * {@code files}.
 *
 * @param layout   where it lies
 * @param isFinal  the fold's last checkpoint
 * @param files    the files the manifest lists, with size and SHA-256
 * @param manifest the manifest's bytes as stored
 */
public record StoredCheckpoint(CheckpointLayout layout, boolean isFinal, List<ManifestFile> files,
                               byte[] manifest) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public StoredCheckpoint {
        files = List.copyOf(files);
    }

    /** The iteration it was written at. */
    public int iteration() {
        return layout.iteration();
    }

    /** The listed file called {@code name}, if any. */
    public Optional<ManifestFile> file(String name) {
        return files.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /**
     * Reads a manifest stored at {@code layout.manifest()}.
     *
     * @throws IllegalArgumentException naming the key and field when it is unusable
     */
    public static StoredCheckpoint parse(CheckpointLayout layout, byte[] manifest) {
        String source = layout.manifest();
        JsonNode root;
        try {
            root = JSON.readTree(manifest);
        } catch (IOException e) {
            throw new IllegalArgumentException(source + " is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(source + " is not a JSON object");
        }
        JsonNode iteration = root.get("iteration");
        if (iteration != null && iteration.isIntegralNumber() && iteration.asInt() != layout.iteration()) {
            throw new IllegalArgumentException(source + ": iteration " + iteration.asInt()
                    + " does not match its folder iter_" + layout.iteration());
        }
        JsonNode isFinal = root.get("final");
        JsonNode filesNode = root.get("files");
        if (filesNode == null || !filesNode.isArray() || filesNode.isEmpty()) {
            throw new IllegalArgumentException(source + ": field 'files' is missing or empty");
        }
        List<ManifestFile> files = new ArrayList<>();
        for (JsonNode f : filesNode) {
            try {
                files.add(new ManifestFile(f.path("name").asText(null), f.path("size").asLong(-1),
                        f.path("sha256").asText(null)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
            }
        }
        return new StoredCheckpoint(layout, isFinal != null && isFinal.asBoolean(false), files, manifest);
    }
}
