package dev.segfold.engine.preprocess;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segfold.engine.image.Volume;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A disk cache of preprocessed cases shared by all folds: one folder per {@link CacheKey}, two
 * files per case, {@code <case>.bin[.gz]} (arrays, little-endian) and {@code <case>.json}
 * ({@link StoredCaseHeader}). Each file is written to a temporary name and renamed into place,
 * the JSON last, so a reader that finds the JSON finds a complete case, and two folds
 * preprocessing the same case at once at worst both write identical files.
 */
public final class PreprocessedCaseStore {
    private static final Pattern CASE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;
    private final boolean compress;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    /** A store under {@code root} writing uncompressed arrays. */
    public PreprocessedCaseStore(Path root) {
        this(root, false);
    }

    /** A store under {@code root}; {@code compress} gzips the arrays (smaller, slower). */
    public PreprocessedCaseStore(Path root, boolean compress) {
        this.root = root;
        this.compress = compress;
    }

    /** The folder of {@code key}'s cases. */
    public Path folder(CacheKey key) {
        return root.resolve(key.relativePath());
    }

    /** Whether {@code caseId} is complete in the cache. */
    public boolean contains(CacheKey key, String caseId) {
        return Files.isRegularFile(headerPath(key, caseId));
    }

    /** The ids of the complete cases under {@code key}, sorted. */
    public List<String> caseIds(CacheKey key) throws IOException {
        Path dir = folder(key);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json") && !n.startsWith("."))
                    .map(n -> n.substring(0, n.length() - ".json".length()))
                    .sorted()
                    .toList();
        }
    }

    /**
     * The file names of a complete case under {@code key}, in the order they are written: its data
     * file, then its header (the JSON whose presence makes the case complete).
     *
     * @throws IOException when the case is not complete or its header names a foreign data file
     */
    public List<String> caseFiles(CacheKey key, String caseId) throws IOException {
        Path headerFile = headerPath(key, caseId);
        StoredCaseHeader h;
        try {
            h = JSON.readValue(headerFile.toFile(), StoredCaseHeader.class);
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new IOException("case '" + caseId + "' is not complete in " + folder(key) + ": " + headerFile
                    + " is missing", e);
        }
        if (!CASE_ID.matcher(h.dataFile()).matches() || !h.dataFile().startsWith(caseId + ".bin")) {
            throw new IOException(headerFile + ": data file '" + h.dataFile() + "' does not belong to the case");
        }
        if (!Files.isRegularFile(folder(key).resolve(h.dataFile()))) {
            throw new IOException(headerFile + " names " + h.dataFile() + ", which is missing");
        }
        return List.of(h.dataFile(), headerFile.getFileName().toString());
    }

    /**
     * The cached case, or else the one {@code compute} makes, written to the cache first.
     * Concurrent calls for the same case in this process compute it once; across processes the
     * atomic renames keep readers safe.
     */
    public PreprocessedCase getOrCompute(CacheKey key, String caseId, Supplier<PreprocessedCase> compute)
            throws IOException {
        Object lock = locks.computeIfAbsent(key.relativePath() + "/" + checkCaseId(caseId), k -> new Object());
        synchronized (lock) {
            Optional<PreprocessedCase> cached = read(key, caseId);
            if (cached.isPresent()) {
                return cached.get();
            }
            PreprocessedCase made = compute.get();
            if (!caseId.equals(made.caseId())) {
                throw new IllegalStateException("computed case '" + made.caseId() + "' for requested '" + caseId + "'");
            }
            write(key, made);
            return made;
        }
    }

    /** Writes {@code c} under {@code key}, replacing an earlier version. */
    public void write(CacheKey key, PreprocessedCase c) throws IOException {
        String id = checkCaseId(c.caseId());
        Path dir = folder(key);
        Files.createDirectories(dir);
        Volume[] data = c.data();
        if (data == null || data.length == 0) {
            throw new IllegalArgumentException("case " + id + ": no data channels to store");
        }
        int[] shape = data[0].shape();
        for (Volume v : data) {
            requireShape(id, "data channel", shape, v);
        }
        if (c.seg() != null) {
            requireShape(id, "seg", shape, c.seg());
        }
        CaseProperties p = c.properties();
        Map<Integer, int[][]> locations = p.classLocations() == null ? Map.of() : p.classLocations();
        List<int[]> counts = new ArrayList<>();
        locations.forEach((cls, coords) -> counts.add(new int[] {cls, coords.length}));

        String dataName = id + (compress ? ".bin.gz" : ".bin");
        Path dataTmp = tempFile(dir, dataName);
        long bytes;
        try (OutputStream raw = Files.newOutputStream(dataTmp);
                OutputStream out = compress ? new GZIPOutputStream(new BufferedOutputStream(raw, 1 << 16), 1 << 16)
                        : new BufferedOutputStream(raw, 1 << 16)) {
            bytes = writeArrays(out, data, c.seg(), locations);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(dataTmp);
            throw e;
        }
        moveIntoPlace(dataTmp, dir.resolve(dataName));

        StoredCaseHeader header = new StoredCaseHeader(StoredCaseHeader.FORMAT, id, data.length, shape, c.seg() != null,
                p.originalShape(), p.originalSpacing(), p.cropBox(), p.shapeAfterCrop(), p.spacingAfterResampling(),
                p.shapeAfterResampling(), counts, dataName, bytes);
        Path headerTmp = tempFile(dir, id + ".json");
        try {
            JSON.writerWithDefaultPrettyPrinter().writeValue(headerTmp.toFile(), header);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(headerTmp);
            throw e;
        }
        moveIntoPlace(headerTmp, headerPath(key, id));
    }

    /** The cached case, or empty when it is not (completely) there. */
    public Optional<PreprocessedCase> read(CacheKey key, String caseId) throws IOException {
        Path headerFile = headerPath(key, caseId);
        StoredCaseHeader h;
        try {
            h = JSON.readValue(headerFile.toFile(), StoredCaseHeader.class);
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            return Optional.empty();
        }
        if (h.format() != StoredCaseHeader.FORMAT || !caseId.equals(h.caseId())) {
            throw new IOException(headerFile + ": format " + h.format() + " / case '" + h.caseId()
                    + "' is not format " + StoredCaseHeader.FORMAT + " of case '" + caseId + "'");
        }
        if (!CASE_ID.matcher(h.dataFile()).matches() || !h.dataFile().startsWith(caseId + ".bin")) {
            throw new IOException(headerFile + ": data file '" + h.dataFile() + "' does not belong to the case");
        }
        Path dataFile = folder(key).resolve(h.dataFile());
        int n = h.shape()[0] * h.shape()[1] * h.shape()[2];
        Volume[] data = new Volume[h.channels()];
        Volume seg = null;
        Map<Integer, int[][]> locations = new LinkedHashMap<>();
        try (InputStream raw = Files.newInputStream(dataFile);
                DataInputStream in = new DataInputStream(h.dataFile().endsWith(".gz")
                        ? new GZIPInputStream(new BufferedInputStream(raw, 1 << 16), 1 << 16)
                        : new BufferedInputStream(raw, 1 << 16))) {
            long read = 0;
            for (int c = 0; c < data.length; c++) {
                ByteBuffer b = readBytes(in, (long) n * 4, dataFile);
                float[] v = new float[n];
                b.asFloatBuffer().get(v);
                data[c] = new Volume(h.shape(), v);
                read += (long) n * 4;
            }
            if (h.hasSeg()) {
                ByteBuffer b = readBytes(in, (long) n * 2, dataFile);
                float[] v = new float[n];
                for (int i = 0; i < n; i++) {
                    v[i] = b.getShort();
                }
                seg = new Volume(h.shape(), v);
                read += (long) n * 2;
            }
            for (int[] cc : h.classLocationCounts()) {
                ByteBuffer b = readBytes(in, (long) cc[1] * 12, dataFile);
                int[][] coords = new int[cc[1]][];
                for (int i = 0; i < cc[1]; i++) {
                    coords[i] = new int[] {b.getInt(), b.getInt(), b.getInt()};
                }
                locations.put(cc[0], coords);
                read += (long) cc[1] * 12;
            }
            if (read != h.dataBytes() || in.read() != -1) {
                throw new IOException(dataFile + ": size does not match " + headerFile + " (" + h.dataBytes() + " bytes)");
            }
        } catch (NoSuchFileException e) {
            throw new IOException(headerFile + " names " + dataFile + ", which is missing", e);
        }
        CaseProperties p = new CaseProperties(h.originalShape(), h.originalSpacing(), h.cropBox(), h.shapeAfterCrop(),
                h.spacingAfterResampling(), h.shapeAfterResampling(), locations);
        return Optional.of(new PreprocessedCase(caseId, data, seg, p));
    }

    private Path headerPath(CacheKey key, String caseId) {
        Path dir = folder(key).normalize();
        Path file = dir.resolve(checkCaseId(caseId) + ".json").normalize();
        if (!dir.equals(file.getParent())) {
            throw new IllegalArgumentException("case id '" + caseId + "' leaves the cache folder " + dir);
        }
        return file;
    }

    /** A case id becomes a file name: it must not name another folder. */
    static String checkCaseId(String caseId) {
        if (caseId == null || !CASE_ID.matcher(caseId).matches() || caseId.contains("..")) {
            throw new IllegalArgumentException("case id '" + caseId
                    + "' is not a safe file name (letters, digits, '.', '_', '-'; no '..'; at most 200)");
        }
        return caseId;
    }

    private static long writeArrays(OutputStream out, Volume[] data, Volume seg, Map<Integer, int[][]> locations)
            throws IOException {
        long bytes = 0;
        for (Volume v : data) {
            ByteBuffer b = ByteBuffer.allocate(v.size() * 4).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(v.data());
            out.write(b.array());
            bytes += b.capacity();
        }
        if (seg != null) {
            ByteBuffer b = ByteBuffer.allocate(seg.size() * 2).order(ByteOrder.LITTLE_ENDIAN);
            for (float f : seg.data()) {
                short s = (short) f;
                if (s != f) {
                    throw new IllegalArgumentException("label " + f + " does not fit the cache's int16 labels");
                }
                b.putShort(s);
            }
            out.write(b.array());
            bytes += b.capacity();
        }
        for (int[][] coords : locations.values()) {
            ByteBuffer b = ByteBuffer.allocate(coords.length * 12).order(ByteOrder.LITTLE_ENDIAN);
            for (int[] c : coords) {
                b.putInt(c[0]).putInt(c[1]).putInt(c[2]);
            }
            out.write(b.array());
            bytes += b.capacity();
        }
        return bytes;
    }

    private static ByteBuffer readBytes(DataInputStream in, long n, Path file) throws IOException {
        if (n > Integer.MAX_VALUE) {
            throw new IOException(file + ": array of " + n + " bytes is too large");
        }
        byte[] b = new byte[(int) n];
        try {
            in.readFully(b);
        } catch (java.io.EOFException e) {
            throw new IOException(file + ": truncated", e);
        }
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void requireShape(String id, String what, int[] shape, Volume v) {
        if (!java.util.Arrays.equals(shape, v.shape())) {
            throw new IllegalArgumentException("case " + id + ": " + what + " has shape "
                    + java.util.Arrays.toString(v.shape()) + ", expected " + java.util.Arrays.toString(shape));
        }
    }

    private static Path tempFile(Path dir, String name) {
        return dir.resolve("." + name + "." + UUID.randomUUID() + ".tmp");
    }

    private static void moveIntoPlace(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.deleteIfExists(tmp);
            throw new IOException("cannot rename atomically into " + target, e);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }
}
