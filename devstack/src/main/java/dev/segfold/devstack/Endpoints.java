package dev.segfold.devstack;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;

/**
 * Where a running devstack can be reached, as written to its endpoints file for other processes
 * ({@code ./segfold up} and the services it starts). A properties file, so a shell script can read
 * it with {@code grep}; written atomically and readable by its owner only (it holds the secret).
 *
 * @param bootstrapServers  Kafka bootstrap servers
 * @param s3Endpoint        S3 endpoint URL
 * @param accessKey         S3 access key
 * @param secretKey         S3 secret key
 * @param region            S3 region
 * @param notificationTopic topic of the bucket notifications
 * @param pid               the devstack process
 */
public record Endpoints(String bootstrapServers, URI s3Endpoint, String accessKey, String secretKey, String region,
                        String notificationTopic, long pid) {

    /** Writes the properties file atomically. */
    public void write(Path file) throws IOException {
        Properties p = new Properties();
        p.setProperty("kafka.bootstrap.servers", bootstrapServers);
        p.setProperty("s3.endpoint", s3Endpoint.toString());
        p.setProperty("s3.access-key", accessKey);
        p.setProperty("s3.secret-key", secretKey);
        p.setProperty("s3.region", region);
        p.setProperty("notification.topic", notificationTopic);
        p.setProperty("pid", Long.toString(pid));
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // Not a POSIX file system: the directory's permissions have to do.
            }
            try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(out, "segfold devstack endpoints; removed when it stops");
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Reads an endpoints file.
     *
     * @throws IOException if it cannot be read or lacks a field (named in the message)
     */
    public static Endpoints read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        try {
            return new Endpoints(required(p, file, "kafka.bootstrap.servers"),
                    URI.create(required(p, file, "s3.endpoint")), required(p, file, "s3.access-key"),
                    required(p, file, "s3.secret-key"), required(p, file, "s3.region"),
                    required(p, file, "notification.topic"), Long.parseLong(required(p, file, "pid")));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    private static String required(Properties p, Path file, String name) throws IOException {
        String value = p.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IOException(file + ": " + name + " is missing");
        }
        return value;
    }
}
