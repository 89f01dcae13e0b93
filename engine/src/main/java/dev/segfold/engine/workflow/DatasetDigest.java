package dev.segfold.engine.workflow;

import dev.segfold.engine.dataset.CaseFiles;
import dev.segfold.engine.dataset.MsdDataset;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A short digest that changes when a data set's description or files change, so that preprocessed
 * data is keyed by what it was computed from. File sizes and names stand in for content: hashing
 * every voxel of a large data set on each run would cost more than it protects against.
 */
public final class DatasetDigest {
    private DatasetDigest() {}

    public static String of(MsdDataset dataset) throws IOException {
        MessageDigest md = sha256();
        md.update(Files.readAllBytes(dataset.root().resolve("dataset.json")));
        List<CaseFiles> all = new ArrayList<>(dataset.trainingCases());
        all.addAll(dataset.testCases());
        for (CaseFiles c : all) {
            List<Path> files = new ArrayList<>(c.images());
            if (c.hasLabel()) {
                files.add(c.label());
            }
            for (Path f : files) {
                md.update(dataset.root().relativize(f).toString().getBytes(StandardCharsets.UTF_8));
                md.update(Long.toString(Files.size(f)).getBytes(StandardCharsets.UTF_8));
            }
        }
        return HexFormat.of().formatHex(md.digest()).substring(0, 16);
    }

    /** Digest of a text such as plans JSON, shortened like {@link #of}. */
    public static String ofText(String text) {
        return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
