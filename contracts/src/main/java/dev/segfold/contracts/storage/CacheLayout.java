package dev.segfold.contracts.storage;

import java.util.regex.Pattern;

/**
 * Object keys of preprocessed data in the cache bucket: {@code <dataset digest>/<plans digest>/...}.
 * The digests make the cache shared by every fold and run that preprocess the same data with
 * the same plans, and make a stale entry impossible to pick up by name.
 */
public final class CacheLayout {

    private static final Pattern DIGEST = Pattern.compile("[0-9a-f]{8,64}");

    private final String datasetDigest;
    private final String plansDigest;

    private CacheLayout(String datasetDigest, String plansDigest) {
        this.datasetDigest = requireDigest("datasetDigest", datasetDigest);
        this.plansDigest = requireDigest("plansDigest", plansDigest);
    }

    /**
     * The cache entry for one data set and one plans file.
     *
     * @param datasetDigest lowercase hex, 8 to 64 digits (a SHA-256 or a prefix of one)
     * @param plansDigest   lowercase hex, 8 to 64 digits
     */
    public static CacheLayout of(String datasetDigest, String plansDigest) {
        return new CacheLayout(datasetDigest, plansDigest);
    }

    /** {@code <dataset digest>/<plans digest>/}. */
    public String prefix() {
        return datasetDigest + "/" + plansDigest + "/";
    }

    /** A key below the prefix; each segment is validated. */
    public String entry(String... segments) {
        if (segments.length == 0) {
            throw new IllegalArgumentException("cache entry needs at least one segment");
        }
        StringBuilder key = new StringBuilder(prefix());
        for (int i = 0; i < segments.length; i++) {
            if (i > 0) {
                key.append('/');
            }
            key.append(KeySegments.require("cache entry segment " + (i + 1), segments[i]));
        }
        return key.toString();
    }

    /** {@code <dataset digest>/<plans digest>/<configuration>/<case><extension>}: one preprocessed case. */
    public String preprocessedCase(String configuration, String caseId, String extension) {
        return entry(KeySegments.require("configuration", configuration),
                KeySegments.require("caseId", caseId) + RunLayout.requireExtension(extension));
    }

    private static String requireDigest(String field, String digest) {
        if (digest == null || !DIGEST.matcher(digest).matches()) {
            throw new IllegalArgumentException(field + " "
                    + (digest == null ? "is missing" : KeySegments.quote(digest)
                    + " must be 8 to 64 lowercase hex digits"));
        }
        return digest;
    }

    @Override
    public String toString() {
        return "CacheLayout[" + prefix() + "]";
    }
}
