package dev.segfold.engine.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads and writes {@link Plans} as {@code plans.json} with nnU-Net's snake_case key names. */
public final class PlansJson {
    /** The conventional file name of a run's plans. */
    public static final String FILE_NAME = "plans.json";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PlansJson() {
    }

    public static String toJson(Plans plans) {
        try {
            return MAPPER.writeValueAsString(plans);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize plans", e);
        }
    }

    /** @param source names the JSON in error messages */
    public static Plans fromJson(String json, String source) {
        try {
            return MAPPER.readValue(json, Plans.class);
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
            throw new IllegalArgumentException(source + ": not valid plans: " + cause.getMessage(), e);
        }
    }

    public static void write(Plans plans, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, toJson(plans));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write plans file " + file, e);
        }
    }

    public static Plans read(Path file) {
        try {
            return fromJson(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read plans file " + file, e);
        }
    }
}
