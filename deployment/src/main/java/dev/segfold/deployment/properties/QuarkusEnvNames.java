package dev.segfold.deployment.properties;

import java.util.Locale;

/**
 * The environment variable Quarkus (SmallRye Config) reads for a property: every character that
 * is neither a letter, a digit nor '_' becomes '_', then upper case. {@code segfold.s3.access-key}
 * is {@code SEGFOLD_S3_ACCESS_KEY}, {@code kafka.bootstrap.servers} is
 * {@code KAFKA_BOOTSTRAP_SERVERS}.
 */
public final class QuarkusEnvNames {

    private QuarkusEnvNames() {
    }

    /** The environment variable name of {@code property}. */
    public static String of(String property) {
        if (property == null || property.isBlank()) {
            throw new IllegalArgumentException("property name is missing");
        }
        StringBuilder name = new StringBuilder(property.length());
        for (char c : property.toCharArray()) {
            name.append(c < 128 && Character.isLetterOrDigit(c) ? c : '_');
        }
        return name.toString().toUpperCase(Locale.ROOT);
    }
}
