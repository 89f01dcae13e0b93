package dev.segfold.engine.training.checkpoint;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The {@code checkpoint.json} of a checkpoint directory, written after every other file: its
 * presence is what makes a checkpoint complete, and object-store notifications trigger on it.
 *
 * @param formatVersion layout version of the directory (1)
 * @param iteration optimizer steps completed; training resumes at this iteration
 * @param isFinal the last checkpoint of the fold (JSON {@code "final"})
 * @param configDigest SHA-256 of the network and training configuration; resume requires a match
 * @param seed training seed; with the iteration it determines every later batch
 * @param files every other file of the checkpoint with size and SHA-256
 * @param createdAt ISO-8601 instant of writing
 */
public record CheckpointManifest(
        int formatVersion,
        int iteration,
        @JsonProperty("final") boolean isFinal,
        String configDigest,
        long seed,
        List<CheckpointFile> files,
        String createdAt) {
    public static final int FORMAT_VERSION = 1;
    public static final String FILE_NAME = "checkpoint.json";

    public CheckpointManifest {
        if (formatVersion != FORMAT_VERSION) {
            throw new IllegalArgumentException("unsupported formatVersion " + formatVersion);
        }
        if (files == null || configDigest == null) {
            throw new IllegalArgumentException("files and configDigest are required");
        }
        files = List.copyOf(files);
    }
}
