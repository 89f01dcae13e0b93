package dev.segfold.trainer.service;

import dev.segfold.contracts.checkpoint.CheckpointManifest;
import dev.segfold.contracts.checkpoint.ManifestFile;
import dev.segfold.contracts.checkpoint.TrainedWith;
import dev.segfold.contracts.events.FoldId;
import dev.segfold.engine.training.checkpoint.CheckpointFile;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the engine's local {@code checkpoint.json} into the object-store form of the contracts,
 * which adds the fold's coordinates. Sizes and SHA-256 are taken as the engine computed them while
 * writing, so the manifest asserts exactly the bytes the engine produced.
 */
public final class ManifestMapping {
    private ManifestMapping() {
    }

    /**
     * The contracts' manifest of a checkpoint of {@code fold}.
     *
     * @param engine the engine's manifest of the local checkpoint folder
     * @param extra  files the service added to the folder (e.g. {@code progress.csv}); they replace
     *               engine-listed files of the same name
     * @param trainedWith the settings, network, batch and patch the checkpoint was trained with
     */
    public static CheckpointManifest toContract(FoldId fold,
            dev.segfold.engine.training.checkpoint.CheckpointManifest engine, List<ManifestFile> extra,
            TrainedWith trainedWith) {
        List<ManifestFile> files = new ArrayList<>();
        for (CheckpointFile f : engine.files()) {
            if (extra.stream().anyMatch(x -> x.name().equals(f.name()))) {
                continue; // a folder downloaded from the bucket already lists the service's files
            }
            files.add(new ManifestFile(f.name(), f.size(), f.sha256()));
        }
        files.addAll(extra);
        return new CheckpointManifest(CheckpointManifest.FORMAT_VERSION, fold.runId(), fold.configuration(),
                fold.stage(), fold.fold(), engine.iteration(), engine.isFinal(), files, engine.configDigest(),
                createdAt(engine.createdAt()), trainedWith);
    }

    private static Instant createdAt(String text) {
        if (text == null) {
            return Instant.now();
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("engine checkpoint manifest createdAt '" + text
                    + "' is not an ISO-8601 instant", e);
        }
    }
}
