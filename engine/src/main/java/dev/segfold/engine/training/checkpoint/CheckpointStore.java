package dev.segfold.engine.training.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checkpoint directories of one fold: {@code <root>/iter_<n>/} with the files the trainer writes
 * and {@code checkpoint.json} last (through a temporary file and a rename, so a reader never sees
 * a partial manifest). A directory without a valid manifest is an interrupted write and is ignored.
 */
public final class CheckpointStore {
    private static final Pattern ITER_DIR = Pattern.compile("iter_(\\d+)");
    /** Folder name of the best checkpoint. */
    public static final String BEST_DIR = "best";
    // Tolerant reader: the object-store form of the manifest (contracts' CheckpointManifest) adds run,
    // configuration, stage and fold, and a checkpoint uploaded by hand must still load here.
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path root;

    public CheckpointStore(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** Writes one file of a checkpoint. */
    @FunctionalInterface
    public interface FileWriter {
        void write(Path file) throws IOException;
    }

    /** Directory of the checkpoint after {@code iteration} steps. */
    public Path directory(int iteration) {
        return root.resolve("iter_" + iteration);
    }

    /**
     * Writes a checkpoint: each file in order, then the manifest listing their sizes and hashes.
     *
     * @param files file name to writer, in writing order
     */
    public CheckpointManifest write(int iteration, boolean isFinal, String configDigest, long seed,
            Map<String, FileWriter> files) throws IOException {
        return writeInto(directory(iteration), iteration, isFinal, configDigest, seed, files);
    }

    /**
     * The folder of the best checkpoint by the validation moving average ({@code <root>/best/},
     * nnU-Net v2's {@code checkpoint_best}); outside the {@code iter_<n>} folders, so resuming and
     * retention never see it.
     */
    public Path bestDirectory() {
        return root.resolve(BEST_DIR);
    }

    /** Writes (or replaces) the best checkpoint: its old manifest goes first, the new one last. */
    public CheckpointManifest writeBest(int iteration, String configDigest, long seed, Map<String, FileWriter> files)
            throws IOException {
        return writeInto(bestDirectory(), iteration, false, configDigest, seed, files);
    }

    private CheckpointManifest writeInto(Path dir, int iteration, boolean isFinal, String configDigest, long seed,
            Map<String, FileWriter> files) throws IOException {
        Files.createDirectories(dir);
        Files.deleteIfExists(dir.resolve(CheckpointManifest.FILE_NAME));
        List<CheckpointFile> listed = new ArrayList<>();
        for (Map.Entry<String, FileWriter> e : files.entrySet()) {
            if (e.getKey().equals(CheckpointManifest.FILE_NAME) || e.getKey().contains("/")) {
                throw new IllegalArgumentException("invalid checkpoint file name '" + e.getKey() + "'");
            }
            Path file = dir.resolve(e.getKey());
            e.getValue().write(file);
            listed.add(new CheckpointFile(e.getKey(), Files.size(file), sha256(file)));
        }
        CheckpointManifest manifest = new CheckpointManifest(CheckpointManifest.FORMAT_VERSION, iteration, isFinal,
                configDigest, seed, listed, Instant.now().toString());
        Path tmp = dir.resolve(CheckpointManifest.FILE_NAME + ".tmp");
        JSON.writeValue(tmp.toFile(), manifest);
        try {
            Files.move(tmp, dir.resolve(CheckpointManifest.FILE_NAME), StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, dir.resolve(CheckpointManifest.FILE_NAME), StandardCopyOption.REPLACE_EXISTING);
        }
        return manifest;
    }

    /** Reads the manifest of a checkpoint directory. */
    public static CheckpointManifest readManifest(Path dir) throws IOException {
        Path file = dir.resolve(CheckpointManifest.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no checkpoint manifest (incomplete or not a checkpoint directory)");
        }
        try {
            return JSON.readValue(file.toFile(), CheckpointManifest.class);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException(file + ": invalid manifest: " + e.getOriginalMessage(), e);
        }
    }

    /** Reads the manifest and checks every listed file's size and SHA-256. */
    public static CheckpointManifest verify(Path dir) throws IOException {
        CheckpointManifest m = readManifest(dir);
        for (CheckpointFile f : m.files()) {
            Path file = dir.resolve(f.name());
            if (!Files.isRegularFile(file)) {
                throw new IOException(file + ": listed in the manifest but missing");
            }
            long size = Files.size(file);
            if (size != f.size()) {
                throw new IOException(file + ": size " + size + ", manifest says " + f.size());
            }
            String hash = sha256(file);
            if (!hash.equals(f.sha256())) {
                throw new IOException(file + ": SHA-256 " + hash + ", manifest says " + f.sha256());
            }
        }
        return m;
    }

    /** The complete checkpoints under the root, by iteration (a directory without manifest is skipped). */
    public Map<Integer, Path> complete() throws IOException {
        Map<Integer, Path> out = new LinkedHashMap<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        List<Path> dirs;
        try (Stream<Path> s = Files.list(root)) {
            dirs = s.filter(Files::isDirectory).toList();
        }
        List<Map.Entry<Integer, Path>> found = new ArrayList<>();
        for (Path d : dirs) {
            Matcher matcher = ITER_DIR.matcher(d.getFileName().toString());
            if (matcher.matches() && Files.isRegularFile(d.resolve(CheckpointManifest.FILE_NAME))) {
                found.add(Map.entry(Integer.parseInt(matcher.group(1)), d));
            }
        }
        found.sort(Map.Entry.comparingByKey());
        for (Map.Entry<Integer, Path> e : found) {
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    /** The complete checkpoint with the highest iteration, if any. */
    public Optional<Path> latest() throws IOException {
        return complete().values().stream().reduce((a, b) -> b);
    }

    /**
     * Deletes all complete checkpoints except the final one and the newest {@code keep}
     * (the retention the workflow it replaces did by hand). {@code keep} &lt;= 0 keeps everything.
     */
    public void prune(int keep) throws IOException {
        if (keep <= 0) {
            return;
        }
        List<Map.Entry<Integer, Path>> all = new ArrayList<>(complete().entrySet());
        for (int i = 0; i < all.size() - keep; i++) {
            Path dir = all.get(i).getValue();
            if (readManifest(dir).isFinal()) {
                continue;
            }
            // the manifest goes first so that a half-deleted directory never looks complete
            Files.delete(dir.resolve(CheckpointManifest.FILE_NAME));
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.delete(p);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
    }

    /** SHA-256 of a file, hex. */
    public static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            byte[] buf = new byte[1 << 16];
            while (in.read(buf) >= 0) {
                // reading feeds the digest
            }
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
