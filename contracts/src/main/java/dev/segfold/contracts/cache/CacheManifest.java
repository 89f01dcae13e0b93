package dev.segfold.contracts.cache;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.segfold.contracts.checkpoint.ManifestFile;
import dev.segfold.contracts.storage.CacheLayout;
import dev.segfold.contracts.storage.KeySegments;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The completion manifest of one cache entry: the preprocessed training cases of one data set
 * (by its bytes' digest), one plans file (by its digest) and one configuration. It is uploaded
 * after every case file it lists, so an entry without it is incomplete and never read; a reader
 * checks each downloaded file against the size and SHA-256 listed here.
 *
 * <p>Each case has exactly two files, {@code <case>.bin} (or {@code <case>.bin.gz}: the arrays)
 * and {@code <case>.json} (its header), stored under
 * {@link CacheLayout#caseFile(String, String) cases/}.
 *
 * @param format        layout version, {@link #FORMAT}
 * @param datasetDigest SHA-256 of the data set's bytes (first key segment)
 * @param plansDigest   digest of the plans and the preprocessing version (second key segment)
 * @param configuration the configuration whose stage was preprocessed, e.g. {@code 3d_fullres}
 * @param caseIds       every training case of the data set, in the data set's order
 * @param files         the case files with size and SHA-256
 * @param createdAt     when the entry was computed
 * @param createdBy     which service instance computed it (two racing instances write identical
 *                      case files; this tells whose manifest won)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CacheManifest(int format, String datasetDigest, String plansDigest, String configuration,
                            List<String> caseIds, List<ManifestFile> files, Instant createdAt, String createdBy) {

    /** The layout version this code writes and reads. */
    public static final int FORMAT = 1;

    /** Validates the key parts, that every case has its two files and nothing else is listed. */
    public CacheManifest {
        if (format != FORMAT) {
            throw new IllegalArgumentException("CacheManifest.format " + format + " is not " + FORMAT
                    + " (written by another version of Segfold)");
        }
        CacheLayout.of(datasetDigest, plansDigest); // validates both digests
        KeySegments.require("CacheManifest.configuration", configuration);
        if (caseIds == null || caseIds.isEmpty()) {
            throw new IllegalArgumentException("CacheManifest.caseIds is " + (caseIds == null ? "missing" : "empty"));
        }
        caseIds = List.copyOf(caseIds);
        Set<String> cases = new HashSet<>();
        for (String id : caseIds) {
            KeySegments.require("CacheManifest.caseIds element", id);
            if (!cases.add(id)) {
                throw new IllegalArgumentException("CacheManifest.caseIds lists case " + id + " twice");
            }
        }
        if (files == null) {
            throw new IllegalArgumentException("CacheManifest.files is missing");
        }
        files = List.copyOf(files);
        Set<String> names = new HashSet<>();
        for (ManifestFile f : files) {
            if (f == null) {
                throw new IllegalArgumentException("CacheManifest.files has a null element");
            }
            if (!names.add(f.name())) {
                throw new IllegalArgumentException("CacheManifest.files lists " + f.name() + " twice");
            }
            if (caseOf(f.name(), cases) == null) {
                throw new IllegalArgumentException("CacheManifest.files element " + f.name()
                        + " is not <case>.json, <case>.bin or <case>.bin.gz of a listed case");
            }
        }
        for (String id : caseIds) {
            boolean header = names.contains(id + ".json");
            boolean data = names.contains(id + ".bin") ^ names.contains(id + ".bin.gz");
            if (!header || !data) {
                throw new IllegalArgumentException("CacheManifest.files must list " + id + ".json and one of " + id
                        + ".bin / " + id + ".bin.gz");
            }
        }
        if (files.size() != 2 * caseIds.size()) {
            throw new IllegalArgumentException("CacheManifest.files lists " + files.size() + " files for "
                    + caseIds.size() + " cases, expected two per case");
        }
        if (createdAt == null) {
            throw new IllegalArgumentException("CacheManifest.createdAt is missing");
        }
        if (createdBy == null || createdBy.isBlank()) {
            throw new IllegalArgumentException("CacheManifest.createdBy is missing");
        }
    }

    /** The cache layout of the entry's data set and plans. */
    @JsonIgnore
    public CacheLayout layout() {
        return CacheLayout.of(datasetDigest, plansDigest);
    }

    /** Key of this manifest in the cache bucket. */
    @JsonIgnore
    public String manifestKey() {
        return layout().manifest(configuration);
    }

    /** Key of one listed file in the cache bucket. */
    public String fileKey(ManifestFile file) {
        return layout().caseFile(configuration, file.name());
    }

    /** Sum of the listed files' sizes. */
    @JsonIgnore
    public long totalBytes() {
        return files.stream().mapToLong(ManifestFile::size).sum();
    }

    /**
     * Whether {@code other} lists the same cases and exactly the same files (names, sizes,
     * digests), whoever wrote it and when: two instances that computed one entry agree.
     */
    public boolean sameContent(CacheManifest other) {
        return other != null && datasetDigest.equals(other.datasetDigest) && plansDigest.equals(other.plansDigest)
                && configuration.equals(other.configuration) && Set.copyOf(caseIds).equals(Set.copyOf(other.caseIds))
                && Set.copyOf(files).equals(Set.copyOf(other.files));
    }

    private static String caseOf(String fileName, Set<String> cases) {
        for (String suffix : new String[] {".json", ".bin", ".bin.gz"}) {
            if (fileName.endsWith(suffix)) {
                String id = fileName.substring(0, fileName.length() - suffix.length());
                if (cases.contains(id)) {
                    return id;
                }
            }
        }
        return null;
    }
}
