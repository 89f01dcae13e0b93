package dev.segfold.service.cache;

import dev.segfold.contracts.cache.CacheManifest;
import dev.segfold.contracts.checkpoint.ManifestFile;
import dev.segfold.contracts.json.ContractJson;
import dev.segfold.engine.preprocess.CacheKey;
import dev.segfold.engine.preprocess.PreprocessedCaseStore;
import dev.segfold.service.checkpoint.StoredCheckpoints;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The pure parts of the cache: describing a local entry by a manifest, checking a manifest and
 * files against what is expected, and the local marker that says "this folder holds exactly the
 * files of this manifest".
 */
public final class CacheEntries {
    /**
     * The local marker of a complete entry: the manifest the folder's files were checked against
     * (downloaded) or described by (computed), written after them. Its name starts with a dot, so
     * the engine's store never takes it for a case.
     */
    public static final String LOCAL_MARKER = ".entry.json";

    private CacheEntries() {
    }

    /** The manifest of {@code caseIds} as {@code store} holds them under {@code key}: sizes and SHA-256 of each file. */
    public static CacheManifest describe(PreprocessedCaseStore store, CacheKey key, List<String> caseIds,
            Instant createdAt, String createdBy) throws IOException {
        Path folder = store.folder(key);
        List<ManifestFile> files = new ArrayList<>();
        for (String caseId : caseIds) {
            for (String name : store.caseFiles(key, caseId)) {
                Path file = folder.resolve(name);
                files.add(new ManifestFile(name, Files.size(file), StoredCheckpoints.sha256(file)));
            }
        }
        return new CacheManifest(CacheManifest.FORMAT, key.datasetDigest(), key.plansDigest(), key.configuration(),
                caseIds, files, createdAt, createdBy);
    }

    /**
     * Why {@code manifest} is not the entry of {@code key} with exactly {@code caseIds}, or empty
     * when it is. A manifest stored under one key that names another is never used.
     */
    public static Optional<String> mismatch(CacheManifest manifest, CacheKey key, Collection<String> caseIds) {
        if (!manifest.datasetDigest().equals(key.datasetDigest()) || !manifest.plansDigest().equals(key.plansDigest())
                || !manifest.configuration().equals(key.configuration())) {
            return Optional.of("it describes " + manifest.datasetDigest() + "/" + manifest.plansDigest() + "/"
                    + manifest.configuration() + ", not " + key.relativePath());
        }
        Set<String> listed = new TreeSet<>(manifest.caseIds());
        Set<String> expected = new TreeSet<>(caseIds);
        if (!listed.equals(expected)) {
            Set<String> missing = new TreeSet<>(expected);
            missing.removeAll(listed);
            Set<String> extra = new TreeSet<>(listed);
            extra.removeAll(expected);
            return Optional.of("it lists " + listed.size() + " cases, the data set has " + expected.size()
                    + (missing.isEmpty() ? "" : "; missing " + first(missing))
                    + (extra.isEmpty() ? "" : "; not in the data set " + first(extra)));
        }
        return Optional.empty();
    }

    /**
     * Checks a downloaded file against its manifest entry.
     *
     * @param where the object's bucket and key, named in the exception
     * @throws RejectedEntryException naming {@code where} and the differing size or SHA-256
     */
    public static void verify(Path file, ManifestFile expected, String where) throws IOException {
        long size = Files.size(file);
        if (size != expected.size()) {
            throw new RejectedEntryException(where + ": size " + size + " bytes, its manifest says " + expected.size());
        }
        String sha = StoredCheckpoints.sha256(file);
        if (!sha.equals(expected.sha256())) {
            throw new RejectedEntryException(where + ": SHA-256 " + sha + ", its manifest says " + expected.sha256());
        }
    }

    /**
     * The manifest of a complete local entry of {@code key} with exactly {@code caseIds}: its marker
     * exists, matches, and every listed file is there with its size. Empty otherwise (a folder
     * being filled, a damaged marker), and the caller fills the folder again.
     */
    public static Optional<CacheManifest> readLocal(Path folder, CacheKey key, Collection<String> caseIds) {
        Path marker = folder.resolve(LOCAL_MARKER);
        if (!Files.isRegularFile(marker)) {
            return Optional.empty();
        }
        try {
            CacheManifest m = ContractJson.read(Files.readAllBytes(marker), CacheManifest.class);
            if (mismatch(m, key, caseIds).isPresent()) {
                return Optional.empty();
            }
            for (ManifestFile f : m.files()) {
                Path file = folder.resolve(f.name());
                if (!Files.isRegularFile(file) || Files.size(file) != f.size()) {
                    return Optional.empty();
                }
            }
            return Optional.of(m);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Writes the local marker (to a temporary name, then renamed), after the files it lists. */
    public static void writeLocal(Path folder, CacheManifest manifest) throws IOException {
        Files.createDirectories(folder);
        Path tmp = folder.resolve("." + UUID.randomUUID() + ".tmp");
        try {
            Files.write(tmp, ContractJson.write(manifest));
            Files.move(tmp, folder.resolve(LOCAL_MARKER), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * The listed files in the order to write them: each data file before any header, so that a
     * reader of the local folder, which trusts a case once its header exists, never finds a header
     * without its data.
     */
    public static List<ManifestFile> writeOrder(CacheManifest manifest) {
        List<ManifestFile> files = new ArrayList<>(manifest.files());
        files.sort(Comparator.comparing((ManifestFile f) -> f.name().endsWith(".json")));
        return files;
    }

    private static String first(Set<String> ids) {
        List<String> list = new ArrayList<>(ids);
        return list.size() <= 5 ? list.toString() : list.subList(0, 5) + " and " + (list.size() - 5) + " more";
    }
}
