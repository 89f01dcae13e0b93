package dev.segfold.engine.workflow;

import dev.segfold.engine.dataset.CaseFiles;
import dev.segfold.engine.dataset.MsdDataset;
import dev.segfold.engine.plan.Plans;
import dev.segfold.engine.plan.PlansJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Content digests that key preprocessed data ({@code segfold-cache/<dataset digest>/<plans digest>/}),
 * so that a cache entry can only be found by the exact bytes it was computed from.
 *
 * <p>The data-set digest is a SHA-256 streamed over every file the data set uses: dataset.json,
 * then each training case's images and label, then each test image, in dataset.json's order. Each
 * file contributes its path relative to the data-set folder, its size and all of its bytes, so a
 * renamed file, a moved case or one changed voxel all change the digest. Hashing the bytes costs
 * one sequential read of the data set (docs/BENCHMARKS.md: about 0.1 s for the 200 hippocampus
 * cases), far less than preprocessing; names and sizes alone would let an edited label with the
 * same size reuse stale preprocessed data.
 */
public final class DatasetDigest {
    /**
     * The version of what preprocessing writes for given data and plans. It is part of the plans
     * digest: raise it whenever a code change makes preprocessing produce other bytes, and every
     * older cache entry stops matching instead of being read as if it were current.
     */
    public static final int PREPROCESSING_VERSION = 1;

    private static final int BUFFER = 1 << 20;

    private DatasetDigest() {}

    /** SHA-256 (64 lowercase hex digits) over the bytes of every file of {@code dataset}. */
    public static String of(MsdDataset dataset) throws IOException {
        return ofFiles(dataset.root(), files(dataset));
    }

    /** The files {@link #of} covers, in the order it reads them. */
    public static List<Path> files(MsdDataset dataset) {
        List<Path> files = new ArrayList<>();
        files.add(dataset.root().resolve("dataset.json"));
        List<CaseFiles> all = new ArrayList<>(dataset.trainingCases());
        all.addAll(dataset.testCases());
        for (CaseFiles c : all) {
            files.addAll(c.images());
            if (c.hasLabel()) {
                files.add(c.label());
            }
        }
        return files;
    }

    /**
     * SHA-256 over {@code files} (each below {@code root}): per file its relative path with '/'
     * separators, a 0 byte, its size as 8 bytes big-endian, then its content. The framing keeps
     * two different file sets from producing the same byte stream.
     *
     * @throws IOException naming the file that is missing, unreadable or changed while it was read
     */
    public static String ofFiles(Path root, List<Path> files) throws IOException {
        MessageDigest md = sha256();
        byte[] buffer = new byte[BUFFER];
        Path base = root.toAbsolutePath().normalize();
        for (Path file : files) {
            Path absolute = file.toAbsolutePath().normalize();
            if (!absolute.startsWith(base)) {
                throw new IOException("data set " + base + ": file " + file + " is outside the data-set folder");
            }
            String relative = base.relativize(absolute).toString().replace('\\', '/');
            long size;
            try {
                size = Files.size(absolute);
            } catch (NoSuchFileException e) {
                throw new IOException("data set " + base + ": " + relative + " is missing, so its digest cannot be taken",
                        e);
            }
            md.update(relative.getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(ByteBuffer.allocate(Long.BYTES).putLong(size).array());
            long read = 0;
            try (InputStream in = Files.newInputStream(absolute)) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    md.update(buffer, 0, n);
                    read += n;
                }
            }
            if (read != size) {
                throw new IOException("data set " + base + ": " + relative + " changed while its digest was taken ("
                        + size + " bytes before, " + read + " read)");
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /**
     * SHA-256 of the plans as the engine writes them, salted with {@link #PREPROCESSING_VERSION}:
     * preprocessing is a function of the plans, the data and the code that runs it.
     */
    public static String ofPlans(Plans plans) {
        return ofText("segfold-preprocessing-" + PREPROCESSING_VERSION + "\n" + PlansJson.toJson(plans));
    }

    /** SHA-256 (64 lowercase hex digits) of a text's UTF-8 bytes. */
    public static String ofText(String text) {
        return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
