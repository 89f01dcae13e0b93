package dev.segfold.contracts.events;

/** Where a fold's preprocessed training cases came from ({@link FoldPreprocessed}). */
public enum PreprocessingSource {
    /** This machine already held the complete cache entry: nothing downloaded, nothing computed. */
    LOCAL,
    /** Downloaded from the cache bucket and checked against the entry's manifest. */
    DOWNLOADED,
    /** No usable entry (none, incomplete or rejected): preprocessed here and uploaded for the next user. */
    COMPUTED;

    /** A cache hit: the cases were not preprocessed here. */
    public boolean cacheHit() {
        return this != COMPUTED;
    }
}
