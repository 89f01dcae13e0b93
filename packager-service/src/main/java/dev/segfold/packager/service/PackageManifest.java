package dev.segfold.packager.service;

import dev.segfold.contracts.json.ContractJson;
import java.time.Instant;
import java.util.List;

/**
 * {@code <run>/package/manifest.json}, written after the archives: what the package was made from
 * and what it holds, with digests, so anyone can check a downloaded file and the packager can tell
 * whether an existing package matches a re-delivered event.
 *
 * @param formatVersion 1
 * @param runId         the run
 * @param configuration the configuration packaged
 * @param dataset       the data set's name
 * @param datasetDigest the engine's data-set digest (the one that keys preprocessed data)
 * @param configSha256  SHA-256 of {@code run.json} as stored (the run's resolved configuration)
 * @param plansSha256   SHA-256 of {@code plans.json} as stored
 * @param codeVersion   the packager's code version
 * @param inputs        what the package was built from; equal inputs mean an equal package
 * @param files         the archives with size and SHA-256, and their entries
 * @param createdAt     when
 */
public record PackageManifest(int formatVersion, String runId, String configuration, String dataset,
                              String datasetDigest, String configSha256, String plansSha256, String codeVersion,
                              Inputs inputs, List<PackagedFile> files, Instant createdAt) {

    /** The version written by this code. */
    public static final int FORMAT_VERSION = 1;
    /** Object name inside {@code <run>/package/}. */
    public static final String FILE_NAME = "manifest.json";

    public PackageManifest {
        files = List.copyOf(files);
    }

    /**
     * What a package is built from.
     *
     * @param folds          the folds ensembled
     * @param caseIds        the test cases
     * @param checkpoints    each bundled fold's final checkpoint: the ensembled configuration's folds,
     *                       then a cascade's first-stage folds
     * @param ensembleSha256 SHA-256 of each ensemble file, by case order
     */
    public record Inputs(List<Integer> folds, List<String> caseIds, List<FoldInput> checkpoints,
                         List<String> ensembleSha256) {
        public Inputs {
            folds = List.copyOf(folds);
            caseIds = List.copyOf(caseIds);
            checkpoints = List.copyOf(checkpoints);
            ensembleSha256 = List.copyOf(ensembleSha256);
        }
    }

    /**
     * One fold's final checkpoint.
     *
     * @param fold           the fold
     * @param iteration      its iteration
     * @param manifestSha256 SHA-256 of its {@code checkpoint.json} as stored
     * @param configuration  the fold's configuration (stage), e.g. {@code 3d_lowres}; null in
     *                       manifests written before cascades were bundled
     */
    public record FoldInput(int fold, int iteration, String manifestSha256, String configuration) {}

    /**
     * One archive of the package.
     *
     * @param name    file name in {@code package/}
     * @param key     object key
     * @param size    bytes
     * @param sha256  SHA-256
     * @param entries its entries with size and SHA-256
     */
    public record PackagedFile(String name, String key, long size, String sha256, List<Entry> entries) {
        public PackagedFile {
            entries = List.copyOf(entries);
        }
    }

    /**
     * One zip entry.
     *
     * @param name   entry name
     * @param size   bytes
     * @param sha256 SHA-256
     */
    public record Entry(String name, long size, String sha256) {}

    public byte[] toJson() {
        return ContractJson.write(this);
    }

    public static PackageManifest fromJson(byte[] json) {
        return ContractJson.read(json, PackageManifest.class);
    }
}
