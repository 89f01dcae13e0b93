package dev.segfold.contracts.checkpoint;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.segfold.contracts.storage.CheckpointLayout;
import dev.segfold.contracts.storage.FoldLayout;
import dev.segfold.contracts.storage.KeySegments;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code checkpoint.json} written after a checkpoint's files (DESIGN.md §4): a checkpoint
 * is complete exactly when its manifest exists, and the manifest says what "complete" means.
 * Whoever writes a checkpoint (a trainer, or a person who trained a fold elsewhere) writes this.
 *
 * @param formatVersion   {@value #FORMAT_VERSION} for this layout
 * @param runId           the run
 * @param configuration   the stage's configuration
 * @param stage           the cascade stage
 * @param fold            the fold
 * @param iteration       iterations done when it was written
 * @param finalCheckpoint true after the last iteration (JSON {@code "final"})
 * @param files           the checkpoint's files with sizes and SHA-256, never the manifest itself
 * @param configDigest    SHA-256 of the fold config the training used
 * @param createdAt       when it was written
 * @param trainedWith     the settings, network, batch and patch the checkpoint was trained with;
 *                        always written by a trainer, null in a manifest written by hand
 * @param role            periodic, final or best; absent (written before the best checkpoint existed):
 *                        final or periodic by {@code final}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CheckpointManifest(int formatVersion, String runId, String configuration, int stage, int fold,
                                 int iteration, @JsonProperty("final") boolean finalCheckpoint,
                                 List<ManifestFile> files, String configDigest, Instant createdAt,
                                 TrainedWith trainedWith, CheckpointRole role) {

    /** The version written by this code. */
    public static final int FORMAT_VERSION = 1;

    /** Validates names, numbers, files (unique, none named like the manifest) and digest. */
    public CheckpointManifest {
        if (formatVersion != FORMAT_VERSION) {
            throw new IllegalArgumentException("CheckpointManifest.formatVersion " + formatVersion
                    + " is not supported, expected " + FORMAT_VERSION);
        }
        KeySegments.require("CheckpointManifest.runId", runId);
        KeySegments.require("CheckpointManifest.configuration", configuration);
        if (stage < 0 || stage > 99) {
            throw new IllegalArgumentException("CheckpointManifest.stage " + stage + " is outside 0..99");
        }
        if (fold < 0 || fold > FoldLayout.MAX_FOLD) {
            throw new IllegalArgumentException("CheckpointManifest.fold " + fold + " is outside 0.."
                    + FoldLayout.MAX_FOLD);
        }
        if (iteration < 0) {
            throw new IllegalArgumentException("CheckpointManifest.iteration " + iteration + " is negative");
        }
        if (files == null || files.isEmpty()) {
            throw new IllegalArgumentException("CheckpointManifest.files is empty");
        }
        files = List.copyOf(files);
        Set<String> names = new HashSet<>();
        for (ManifestFile file : files) {
            if (file.name().equals(CheckpointLayout.MANIFEST)) {
                throw new IllegalArgumentException("CheckpointManifest.files must not list "
                        + CheckpointLayout.MANIFEST + " itself");
            }
            if (!names.add(file.name())) {
                throw new IllegalArgumentException("CheckpointManifest.files lists " + file.name() + " twice");
            }
        }
        if (configDigest == null || !configDigest.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("CheckpointManifest.configDigest must be 64 lowercase hex digits");
        }
        if (createdAt == null) {
            throw new IllegalArgumentException("CheckpointManifest.createdAt is missing");
        }
        if (role == null) {
            role = finalCheckpoint ? CheckpointRole.FINAL : CheckpointRole.PERIODIC;
        } else if ((role == CheckpointRole.FINAL) != finalCheckpoint) {
            throw new IllegalArgumentException("CheckpointManifest.role " + role + " contradicts final "
                    + finalCheckpoint);
        }
    }

    /** A training checkpoint (periodic or final by {@code finalCheckpoint}). */
    public CheckpointManifest(int formatVersion, String runId, String configuration, int stage, int fold,
            int iteration, boolean finalCheckpoint, List<ManifestFile> files, String configDigest, Instant createdAt,
            TrainedWith trainedWith) {
        this(formatVersion, runId, configuration, stage, fold, iteration, finalCheckpoint, files, configDigest,
                createdAt, trainedWith, null);
    }

    /** The same checkpoint as the fold's best (nnU-Net v2's {@code checkpoint_best}, in {@code best/}). */
    public CheckpointManifest asBest() {
        return new CheckpointManifest(formatVersion, runId, configuration, stage, fold, iteration, false, files,
                configDigest, createdAt, trainedWith, CheckpointRole.BEST);
    }

    /** Whether this is the fold's best checkpoint by the validation moving average. */
    public boolean best() {
        return role == CheckpointRole.BEST;
    }

    /** Where this checkpoint's files lie in the runs bucket. */
    public CheckpointLayout layout() {
        var foldLayout = dev.segfold.contracts.storage.RunLayout.of(runId).fold(configuration, fold);
        return role == CheckpointRole.BEST ? foldLayout.best(iteration) : foldLayout.checkpoint(iteration);
    }

    /**
     * The same checkpoint claimed by another run, configuration, stage or fold: what importing a
     * fold bundle into another run writes. Files, digests, iteration, final flag, config digest and
     * creation time are kept, so the files still verify against it.
     */
    public CheckpointManifest relocated(String newRunId, String newConfiguration, int newStage, int newFold) {
        return new CheckpointManifest(formatVersion, newRunId, newConfiguration, newStage, newFold, iteration,
                finalCheckpoint, files, configDigest, createdAt, trainedWith, role);
    }

    /** A manifest without {@code trainedWith}, as a person who trained a fold elsewhere writes it. */
    public CheckpointManifest(int formatVersion, String runId, String configuration, int stage, int fold,
            int iteration, boolean finalCheckpoint, List<ManifestFile> files, String configDigest, Instant createdAt) {
        this(formatVersion, runId, configuration, stage, fold, iteration, finalCheckpoint, files, configDigest,
                createdAt, null);
    }

    /** The listed file named {@code name}, if any. */
    public Optional<ManifestFile> file(String name) {
        return files.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /**
     * A digest of what the manifest asserts (run, configuration, stage, fold, iteration, final
     * flag, files by name with size and SHA-256, config digest), independent of JSON formatting,
     * file order and {@code createdAt}: the idempotency key of work done on this checkpoint.
     */
    public String contentDigest() {
        StringBuilder canonical = new StringBuilder()
                .append("segfold-checkpoint/").append(formatVersion).append('\n')
                .append(runId).append('\n').append(configuration).append('\n')
                .append(stage).append('\n').append(fold).append('\n')
                .append(iteration).append('\n').append(finalCheckpoint).append('\n')
                .append(configDigest).append('\n');
        if (role == CheckpointRole.BEST) {
            canonical.append("best\n"); // absent for the others, so digests from before roles stay the same
        }
        files.stream().sorted(Comparator.comparing(ManifestFile::name)).forEach(f ->
                canonical.append(f.name()).append(' ').append(f.size()).append(' ').append(f.sha256()).append('\n'));
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
