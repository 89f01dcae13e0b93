package dev.segfold.contracts.events;

import java.time.Instant;

/**
 * A trainer has its fold's preprocessed training cases, from the preprocessed-data cache (a hit) or
 * computed (a miss), before training starts. Published on {@code segfold.status}; it says which
 * cache entry the fold uses, so a run on data and plans seen before shows that nothing was
 * preprocessed again.
 *
 * @param fold          which fold
 * @param cacheKey      the entry's prefix in the cache bucket, {@code <dataset digest>/<plans digest>/<configuration>/}
 * @param cacheHit      true unless the cases were computed here ({@code source} {@code COMPUTED})
 * @param source        where the cases came from
 * @param cases         training cases of the data set in the entry
 * @param computedCases cases this trainer preprocessed itself: 0 on a hit
 * @param bytes         size of the entry's case files
 * @param seconds       wall time to find, download or compute (and upload) the entry
 * @param note          on a miss, why the cache could not be used (no complete entry, an entry that
 *                      failed its check) and whether the upload failed; on a hit, what was repaired
 *                      (an entry missing from the bucket uploaded again); null when there is nothing to add
 * @param time          when
 */
public record FoldPreprocessed(FoldId fold, String cacheKey, boolean cacheHit, PreprocessingSource source, int cases,
                               int computedCases, long bytes, double seconds, String note, Instant time)
        implements FoldEvent {

    /** The CloudEvents type. */
    public static final String TYPE = "dev.segfold.fold.preprocessed";

    /** Validates the fold, the key, that the hit flag agrees with the source, and the counts. */
    public FoldPreprocessed {
        Require.present("FoldPreprocessed", "fold", fold);
        Require.key("FoldPreprocessed", "cacheKey", cacheKey);
        Require.present("FoldPreprocessed", "source", source);
        if (cacheHit != source.cacheHit()) {
            throw new IllegalArgumentException("FoldPreprocessed.cacheHit " + cacheHit + " contradicts source "
                    + source);
        }
        Require.notNegative("FoldPreprocessed", "cases", cases);
        Require.notNegative("FoldPreprocessed", "computedCases", computedCases);
        if (bytes < 0) {
            throw new IllegalArgumentException("FoldPreprocessed.bytes " + bytes + " is negative");
        }
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("FoldPreprocessed.seconds " + seconds + " is not a duration");
        }
        Require.present("FoldPreprocessed", "time", time);
    }

    @Override
    public EventType type() {
        return EventType.FOLD_PREPROCESSED;
    }
}
