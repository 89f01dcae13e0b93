package dev.segfold.engine.preprocess;

import java.util.regex.Pattern;

/**
 * Which preprocessed data a case belongs to: the data set's and the plans' digests and the stage.
 * Every fold and run with the same key shares one folder
 * ({@code segfold-cache/<dataset digest>/<plans digest>/stage<k>/}).
 *
 * @param datasetDigest digest of the raw data set
 * @param plansDigest digest of the plans the preprocessing follows
 * @param stage the plans stage (0 = low-res or only stage)
 */
public record CacheKey(String datasetDigest, String plansDigest, int stage) {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    public CacheKey {
        checkName("datasetDigest", datasetDigest);
        checkName("plansDigest", plansDigest);
        if (stage < 0) {
            throw new IllegalArgumentException("stage must be >= 0, got " + stage);
        }
    }

    /** The folder below the cache root. */
    public String relativePath() {
        return datasetDigest + "/" + plansDigest + "/stage" + stage;
    }

    static void checkName(String field, String value) {
        if (value == null || !SAFE.matcher(value).matches() || value.contains("..")) {
            throw new IllegalArgumentException(field + " '" + value
                    + "' is not a safe file name (letters, digits, '.', '_', '-'; no '..'; at most 128)");
        }
    }
}
