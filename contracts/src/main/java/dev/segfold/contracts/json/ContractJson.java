package dev.segfold.contracts.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.segfold.contracts.events.SegfoldEvent;
import java.io.IOException;

/**
 * The JSON form of every contract type: ISO-8601 instants, unknown fields ignored. Services with
 * their own {@link ObjectMapper} (Quarkus) apply {@link #configure(ObjectMapper)} to it.
 */
public final class ContractJson {

    private static final ObjectMapper MAPPER = configure(JsonMapper.builder().build());

    private ContractJson() {
    }

    /** Applies the contract settings to {@code mapper} and returns it. */
    public static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
    }

    /** A shared, configured mapper; do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** {@code value} as UTF-8 JSON. */
    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName()
                    + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** {@code value} as a JSON string. */
    public static String writeString(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName()
                    + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Reads a {@code type} from UTF-8 JSON.
     *
     * @throws IllegalArgumentException naming the type and the reason (malformed JSON, a field
     *                                  that fails validation)
     */
    public static <T> T read(byte[] json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + type.getSimpleName() + " from JSON: "
                    + rootMessage(e), e);
        }
    }

    /** Reads a {@code type} from a JSON string. */
    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + type.getSimpleName() + " from JSON: "
                    + rootMessage(e), e);
        }
    }

    /** Reads any event, its type taken from the {@code eventType} property. */
    public static SegfoldEvent readEvent(byte[] json) {
        return read(json, SegfoldEvent.class);
    }

    /** The message of the first non-Jackson cause (a validation failure), else Jackson's own. */
    private static String rootMessage(IOException e) {
        Throwable cause = e;
        while (cause instanceof JsonProcessingException && cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String location = e instanceof JsonProcessingException jpe && jpe.getLocation() != null
                ? " (at line " + jpe.getLocation().getLineNr() + ", column " + jpe.getLocation().getColumnNr() + ")"
                : "";
        String message = cause instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : cause.getMessage();
        return message + location;
    }
}
