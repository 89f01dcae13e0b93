package dev.segfold.evaluator.service;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.segfold.contracts.checkpoint.CheckpointManifest;
import dev.segfold.contracts.json.ContractJson;
import dev.segfold.contracts.storage.FoldLayout;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code validation/evaluated.json}: which checkpoint the fold's validation output belongs to,
 * written after everything else of an evaluation (and after its event was published). Together
 * with {@code summary.json} it is the evaluator's idempotency record: a notification whose
 * manifest digest matches it is a replay and does nothing.
 *
 * @param manifestKey     key of the evaluated {@code checkpoint.json}
 * @param manifestDigest  {@link CheckpointManifest#contentDigest()} of it: the idempotency key
 * @param iteration       the checkpoint's iteration
 * @param finalCheckpoint whether it was the final checkpoint (JSON {@code "final"})
 * @param meanDice        mean foreground Dice of the evaluation
 * @param evaluatedAt     when the evaluation finished
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EvaluationMarker(String manifestKey, String manifestDigest, int iteration,
                               @JsonProperty("final") boolean finalCheckpoint, double meanDice,
                               Instant evaluatedAt) {

    /** The marker's file name inside {@code validation/}. */
    public static final String FILE = "evaluated.json";

    /** {@code <run>/<configuration>/fold<k>/validation/evaluated.json}. */
    public static String key(FoldLayout fold) {
        return fold.validationPrefix() + FILE;
    }

    /** True when this marker records exactly {@code manifest}. */
    public boolean records(CheckpointManifest manifest) {
        return manifest.contentDigest().equals(manifestDigest);
    }

    /**
     * True when the recorded checkpoint is a better answer for the fold than {@code manifest}: a
     * final checkpoint beats a non-final one, otherwise the later iteration wins. A late or replayed
     * notification of an older checkpoint then never overwrites a newer evaluation.
     */
    public boolean outranks(CheckpointManifest manifest) {
        if (finalCheckpoint != manifest.finalCheckpoint()) {
            return finalCheckpoint;
        }
        return iteration > manifest.iteration();
    }

    /** The marker's JSON. */
    public byte[] toJson() {
        return ContractJson.write(this);
    }

    /** Reads a marker; a marker that cannot be read counts as absent, so the work is simply redone. */
    public static Optional<EvaluationMarker> parse(byte[] json) {
        try {
            EvaluationMarker marker = ContractJson.read(json, EvaluationMarker.class);
            return marker.manifestDigest() == null ? Optional.empty() : Optional.of(marker);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
