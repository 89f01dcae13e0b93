package dev.segfold.service.checkpoint;

import dev.segfold.contracts.checkpoint.ManifestFile;
import dev.segfold.contracts.storage.CheckpointLayout;
import dev.segfold.contracts.storage.FoldLayout;
import dev.segfold.service.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fold's checkpoints in the runs bucket. Only checkpoints whose manifest exists are complete
 * (the manifest is written last), so only manifests are looked for.
 */
@ApplicationScoped
public class StoredCheckpoints {
    private static final Pattern MANIFEST = Pattern.compile("iter_(\\d{1,9})/" + Pattern.quote(CheckpointLayout.MANIFEST));

    private final ObjectStore store;

    public StoredCheckpoints(ObjectStore store) {
        this.store = store;
    }

    /** The complete checkpoints of a fold, by ascending iteration. */
    public List<StoredCheckpoint> list(FoldLayout fold) {
        String bucket = store.buckets().runs();
        List<StoredCheckpoint> out = new ArrayList<>();
        for (String key : store.list(bucket, fold.prefix())) {
            Matcher m = MANIFEST.matcher(key.substring(fold.prefix().length()));
            if (m.matches()) {
                CheckpointLayout layout = fold.checkpoint(Integer.parseInt(m.group(1)));
                out.add(StoredCheckpoint.parse(layout, store.get(bucket, layout.manifest())));
            }
        }
        out.sort(Comparator.comparingInt(StoredCheckpoint::iteration));
        return out;
    }

    /** The fold's final checkpoint (the highest iteration flagged final), if it has landed. */
    public Optional<StoredCheckpoint> finalCheckpoint(FoldLayout fold) {
        List<StoredCheckpoint> finals = list(fold).stream().filter(StoredCheckpoint::isFinal).toList();
        return finals.isEmpty() ? Optional.empty() : Optional.of(finals.get(finals.size() - 1));
    }

    /**
     * Downloads a checkpoint into {@code folder} (its files and, last, {@code checkpoint.json}) and
     * checks every file's size and SHA-256 against the manifest.
     *
     * @return {@code folder}, a checkpoint directory the engine loads
     * @throws IOException naming the key when a file differs from its manifest entry
     */
    public Path download(StoredCheckpoint checkpoint, Path folder) throws IOException {
        String bucket = store.buckets().runs();
        Files.createDirectories(folder);
        Files.deleteIfExists(folder.resolve(CheckpointLayout.MANIFEST));
        for (ManifestFile f : checkpoint.files()) {
            String key = checkpoint.layout().file(f.name());
            Path file = store.download(bucket, key, folder.resolve(f.name()));
            long size = Files.size(file);
            if (size != f.size()) {
                throw new IOException(bucket + "/" + key + ": size " + size + ", its manifest says " + f.size());
            }
            String sha = sha256(file);
            if (!sha.equals(f.sha256())) {
                throw new IOException(bucket + "/" + key + ": SHA-256 " + sha + ", its manifest says " + f.sha256());
            }
        }
        Files.write(folder.resolve(CheckpointLayout.MANIFEST), checkpoint.manifest());
        return folder;
    }

    /** SHA-256 of a file, lowercase hex. */
    public static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** SHA-256 of bytes, lowercase hex. */
    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
