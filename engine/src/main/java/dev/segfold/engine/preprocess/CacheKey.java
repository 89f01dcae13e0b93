package dev.segfold.engine.preprocess;

import java.util.regex.Pattern;

/**
 * Which preprocessed data a case belongs to: the data set's and the plans' digests and the
 * configuration whose stage was preprocessed. Every fold and run with the same key shares one
 * folder, locally {@code <cache root>/<dataset digest>/<plans digest>/<configuration>/} and in
 * object storage {@code segfold-cache/<dataset digest>/<plans digest>/<configuration>/}.
 *
 * @param datasetDigest digest of the raw data set's bytes
 * @param plansDigest digest of the plans the preprocessing follows
 * @param configuration the configuration, e.g. {@code 3d_fullres}; it picks the plans stage
 */
public record CacheKey(String datasetDigest, String plansDigest, String configuration) {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    public CacheKey {
        checkName("datasetDigest", datasetDigest);
        checkName("plansDigest", plansDigest);
        checkName("configuration", configuration);
    }

    /** The folder below the cache root. */
    public String relativePath() {
        return datasetDigest + "/" + plansDigest + "/" + configuration;
    }

    static void checkName(String field, String value) {
        if (value == null || !SAFE.matcher(value).matches() || value.contains("..")) {
            throw new IllegalArgumentException(field + " '" + value
                    + "' is not a safe file name (letters, digits, '.', '_', '-'; no '..'; at most 128)");
        }
    }
}
