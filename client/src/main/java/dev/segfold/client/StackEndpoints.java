package dev.segfold.client;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Where the stack is: the endpoints file {@code ./segfold up} leaves in {@code .segfold/}, or the
 * environment (SEGFOLD_S3_ENDPOINT, SEGFOLD_S3_ACCESS_KEY, SEGFOLD_S3_SECRET_KEY,
 * KAFKA_BOOTSTRAP_SERVERS) for a stack started some other way, such as docker compose.
 */
public record StackEndpoints(String bootstrapServers, String s3Endpoint, String accessKey, String secretKey,
        String region) {

    public static StackEndpoints load(Path endpointsFile) throws IOException {
        if (endpointsFile != null && Files.isRegularFile(endpointsFile)) {
            Properties p = new Properties();
            try (Reader in = Files.newBufferedReader(endpointsFile)) {
                p.load(in);
            }
            return new StackEndpoints(required(p, "kafka.bootstrap.servers", endpointsFile),
                    required(p, "s3.endpoint", endpointsFile), required(p, "s3.access-key", endpointsFile),
                    required(p, "s3.secret-key", endpointsFile), p.getProperty("s3.region", "us-east-1"));
        }
        return new StackEndpoints(env("KAFKA_BOOTSTRAP_SERVERS"), env("SEGFOLD_S3_ENDPOINT"),
                env("SEGFOLD_S3_ACCESS_KEY"), env("SEGFOLD_S3_SECRET_KEY"),
                System.getenv().getOrDefault("SEGFOLD_S3_REGION", "us-east-1"));
    }

    private static String required(Properties p, String key, Path file) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(file + ": '" + key + "' is missing");
        }
        return v;
    }

    private static String env(String name) {
        String v = System.getenv(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("no endpoints file from ./segfold up and no " + name
                    + " in the environment: start the stack first (./segfold up)");
        }
        return v;
    }
}
