package dev.segfold.contracts.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * A checkpoint was validated on the fold's validation cases; published on
 * {@code segfold.evaluations}. The idempotency key of its producer is
 * (fold, {@code manifestDigest}).
 *
 * @param fold              which fold
 * @param iteration         the checkpoint's iteration
 * @param manifestKey       key of the evaluated {@code checkpoint.json}
 * @param manifestDigest    {@code CheckpointManifest.contentDigest()} of that manifest
 * @param dice              Dice per foreground class
 * @param summaryKey        key of {@code validation/summary.json}
 * @param postprocessingKey key of {@code validation/postprocessing.json}
 * @param time              when
 */
public record FoldEvaluated(FoldId fold, int iteration, String manifestKey, String manifestDigest,
                            List<ClassDice> dice, String summaryKey, String postprocessingKey,
                            Instant time) implements FoldEvent {

    /** The CloudEvents type. */
    public static final String TYPE = "dev.segfold.fold.evaluated";

    /** Validates the fold, keys, digest and that every class appears once. */
    public FoldEvaluated {
        Require.present("FoldEvaluated", "fold", fold);
        Require.notNegative("FoldEvaluated", "iteration", iteration);
        Require.key("FoldEvaluated", "manifestKey", manifestKey);
        Require.sha256("FoldEvaluated", "manifestDigest", manifestDigest);
        dice = List.copyOf(Require.present("FoldEvaluated", "dice", dice));
        if (dice.isEmpty()) {
            throw new IllegalArgumentException("FoldEvaluated.dice is empty");
        }
        if (dice.stream().map(ClassDice::label).distinct().count() != dice.size()) {
            throw new IllegalArgumentException("FoldEvaluated.dice lists a label twice");
        }
        Require.key("FoldEvaluated", "summaryKey", summaryKey);
        Require.key("FoldEvaluated", "postprocessingKey", postprocessingKey);
        Require.present("FoldEvaluated", "time", time);
    }

    /** The mean over classes, the number nnU-Net reports per fold; written to JSON for readers. */
    @JsonProperty("meanDice")
    public double meanDice() {
        return dice.stream().mapToDouble(ClassDice::dice).average().orElseThrow();
    }

    @Override
    public EventType type() {
        return EventType.FOLD_EVALUATED;
    }
}
