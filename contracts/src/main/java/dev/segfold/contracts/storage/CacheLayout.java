package dev.segfold.contracts.storage;

import java.util.regex.Pattern;

/**
 * Object keys of preprocessed data in the cache bucket: {@code <dataset digest>/<plans digest>/...}.
 * The digests make the cache shared by every fold and run that preprocess the same data with
 * the same plans, and make a stale entry impossible to pick up by name.
 */
public final class CacheLayout {

    /** Name of an entry's completion manifest. */
    public static final String MANIFEST = "manifest.json";
    /** The folder below an entry that holds the case files. */
    public static final String CASES = "cases";

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

    /**
     * {@code <dataset digest>/<plans digest>/<configuration>/}: one configuration's entry, the
     * case files below {@code cases/} and the manifest beside them.
     */
    public String entryPrefix(String configuration) {
        return prefix() + KeySegments.require("configuration", configuration) + "/";
    }

    /**
     * {@code <dataset digest>/<plans digest>/<configuration>/manifest.json}: written after every
     * case file, so an entry without it is incomplete and never read. Case files live one level
     * down ({@code cases/}), so no case id can name a file that collides with it.
     */
    public String manifest(String configuration) {
        return entryPrefix(configuration) + MANIFEST;
    }

    /** {@code <dataset digest>/<plans digest>/<configuration>/cases/<file name>}: one file of a preprocessed case. */
    public String caseFile(String configuration, String fileName) {
        return entryPrefix(configuration) + CASES + "/" + KeySegments.require("cache file name", fileName);
    }

    /**
     * {@code <dataset digest>/<plans digest>/<configuration>/cases/<case><extension>}: one file of a
     * preprocessed case.
     */
    public String preprocessedCase(String configuration, String caseId, String extension) {
        return caseFile(configuration, KeySegments.require("caseId", caseId) + RunLayout.requireExtension(extension));
    }

    /** The data-set digest. */
    public String datasetDigest() {
        return datasetDigest;
    }

    /** The plans digest. */
    public String plansDigest() {
        return plansDigest;
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
