package dev.segfold.engine.workflow;

import dev.segfold.engine.ensemble.LabelNpz;
import dev.segfold.engine.image.Volume;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Where a cascade's second stage finds the first stage's out-of-fold predictions of the cases it
 * trains or validates on: one label map per case at the case's stage-1 preprocessed shape, as
 * {@link NextStagePrediction} writes them.
 */
@FunctionalInterface
public interface PreviousStageMaps {
    /**
     * The previous stage's labels of {@code caseId}.
     *
     * @throws IOException when the map is missing or unreadable (the message names the file)
     */
    Volume labels(String caseId) throws IOException;

    /** Maps stored as {@code <folder>/<case>.npz} (nnU-Net's {@code pred_next_stage} folder). */
    static PreviousStageMaps folder(Path folder) {
        return caseId -> {
            Path file = folder.resolve(NextStagePrediction.fileName(caseId));
            if (!Files.isRegularFile(file)) {
                throw new NoSuchFileException(file.toString(), null, "no previous-stage prediction for case '"
                        + caseId + "': the first stage's fold that validates it has not predicted the next stage yet");
            }
            try {
                return LabelNpz.read(file);
            } catch (RuntimeException e) {
                throw new IOException("previous-stage prediction " + file + " is unreadable: " + e.getMessage(), e);
            }
        };
    }
}
