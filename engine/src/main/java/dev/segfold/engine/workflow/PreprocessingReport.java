package dev.segfold.engine.workflow;

/**
 * Where a stage's preprocessed training cases came from when a {@link StageCache} filled them.
 *
 * @param entry   where the shared entry lives, e.g. {@code segfold-cache/<dataset>/<plans>/3d_fullres/}
 * @param source  whether the cases were already here, downloaded or computed here
 * @param cases   training cases in the entry
 * @param bytes   bytes of the entry's case files
 * @param seconds wall time of finding, downloading or computing (and uploading) them
 * @param note    on a miss, why the entry was not used (no complete entry, a rejected entry) and
 *                whether the upload failed; on a hit, what was repaired; null when there is nothing to add
 */
public record PreprocessingReport(String entry, Source source, int cases, long bytes, double seconds, String note) {

    /** Where the cases came from. */
    public enum Source {
        /** This machine already held the complete entry: nothing was downloaded or computed. */
        LOCAL,
        /** Downloaded from the shared cache and checked against its manifest. */
        DOWNLOADED,
        /** Not usable from the cache: computed here (and offered to the shared cache). */
        COMPUTED
    }

    public PreprocessingReport {
        if (entry == null || entry.isBlank()) {
            throw new IllegalArgumentException("PreprocessingReport.entry is missing");
        }
        if (source == null) {
            throw new IllegalArgumentException("PreprocessingReport.source is missing");
        }
        if (cases < 0 || bytes < 0 || !(seconds >= 0)) {
            throw new IllegalArgumentException("PreprocessingReport of " + entry + ": cases " + cases + ", bytes "
                    + bytes + " and seconds " + seconds + " must not be negative");
        }
    }

    /** A cache hit: nothing was preprocessed. */
    public boolean hit() {
        return source != Source.COMPUTED;
    }

    /** {@code "cache hit"} or {@code "cache miss"}, with the entry: the words the logs use. */
    public String describe() {
        return (hit() ? "cache hit" : "cache miss") + " " + entry + " (" + source.name().toLowerCase(java.util.Locale.ROOT)
                + ", " + cases + " cases, " + bytes + " bytes, " + String.format(java.util.Locale.ROOT, "%.2f", seconds)
                + " s" + (note == null ? "" : "; " + note) + ")";
    }
}
