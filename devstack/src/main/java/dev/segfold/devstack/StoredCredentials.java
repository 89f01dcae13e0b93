package dev.segfold.devstack;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;

/**
 * The S3 credentials of a devstack with a data directory, made once and kept there (readable by
 * its owner only), as MinIO keeps its root credentials: a devstack killed and started again on the
 * same data serves the same keys, so services that were running go on without a restart (issue 9).
 *
 * @param accessKey the access key
 * @param secretKey its secret
 */
public record StoredCredentials(String accessKey, String secretKey) {

    /** The file under the data directory. */
    public static final String FILE = "s3-credentials.properties";

    /**
     * The credentials stored in {@code dataDir}, or new random ones stored there first.
     *
     * @throws IOException if the file cannot be read or written, or lacks a key (named)
     */
    public static StoredCredentials loadOrCreate(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE);
        if (Files.exists(file)) {
            return read(file);
        }
        StoredCredentials created = new StoredCredentials(DevStackConfig.randomToken(10), DevStackConfig.randomToken(20));
        Files.createDirectories(dataDir);
        Path tmp = Files.createTempFile(dataDir, FILE, ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // Not a POSIX file system: the directory's permissions have to do.
            }
            Properties p = new Properties();
            p.setProperty("access-key", created.accessKey());
            p.setProperty("secret-key", created.secretKey());
            try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(out, "S3 credentials of this devstack, made at its first start; delete to get new ones");
            }
            try {
                // Not REPLACE_EXISTING: a devstack started at the same moment keeps the keys it wrote.
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file);
            } catch (FileAlreadyExistsException e) {
                return read(file);
            }
            return created;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static StoredCredentials read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        String access = p.getProperty("access-key");
        String secret = p.getProperty("secret-key");
        if (access == null || access.isBlank() || secret == null || secret.isBlank()) {
            throw new IOException(file + ": access-key and secret-key are both required");
        }
        return new StoredCredentials(access, secret);
    }
}
