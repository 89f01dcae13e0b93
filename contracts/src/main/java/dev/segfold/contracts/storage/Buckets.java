package dev.segfold.contracts.storage;

/**
 * The three buckets of DESIGN.md §4. Names are configurable; {@link #defaults()} are the names
 * the deployment files and devstack create.
 *
 * @param datasets raw data sets in MSD layout
 * @param runs     everything a run produces
 * @param cache    preprocessed data shared across folds and runs
 */
public record Buckets(String datasets, String runs, String cache) {

    /** Default name of the data-set bucket. */
    public static final String DEFAULT_DATASETS = "segfold-datasets";
    /** Default name of the runs bucket. */
    public static final String DEFAULT_RUNS = "segfold-runs";
    /** Default name of the cache bucket. */
    public static final String DEFAULT_CACHE = "segfold-cache";

    /** Validates the names with S3's basic rules: 3 to 63 lowercase letters, digits, '-' or '.'. */
    public Buckets {
        requireBucket("datasets", datasets);
        requireBucket("runs", runs);
        requireBucket("cache", cache);
    }

    /** The default names. */
    public static Buckets defaults() {
        return new Buckets(DEFAULT_DATASETS, DEFAULT_RUNS, DEFAULT_CACHE);
    }

    private static void requireBucket(String field, String name) {
        if (name == null || !name.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]") || name.contains("..")) {
            throw new IllegalArgumentException("bucket " + field + " "
                    + (name == null ? "is missing" : KeySegments.quote(name)
                    + " must be 3 to 63 lowercase letters, digits, '-' or '.'"));
        }
    }
}
