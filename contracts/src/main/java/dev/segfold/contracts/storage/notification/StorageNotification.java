package dev.segfold.contracts.storage.notification;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segfold.contracts.json.ContractJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bucket notification as MinIO's Kafka target sends it (and devstack imitates): Kafka key
 * {@code <bucket>/<object>}, value
 * {@code {"EventName": ..., "Key": "<bucket>/<object>", "Records": [ S3-style record ]}} with the
 * record's object key query-escaped. Parsing tolerates unknown fields and decodes the key.
 *
 * @param eventName the top-level {@code EventName}
 * @param key       the top-level {@code Key}, {@code <bucket>/<object>}, not escaped
 * @param records   the records, usually exactly one
 */
public record StorageNotification(String eventName, String key, List<StorageRecord> records) {

    /** Copies the records. */
    public StorageNotification {
        records = List.copyOf(records);
    }

    /** Parses a notification from the UTF-8 bytes of a Kafka value. */
    public static StorageNotification parse(byte[] json) {
        JsonNode root;
        try {
            root = ContractJson.mapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("storage notification is not JSON: " + e.getMessage(), e);
        }
        return parse(root);
    }

    /** Parses a notification from a JSON string. */
    public static StorageNotification parse(String json) {
        return parse(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Parses a notification from a JSON tree. */
    public static StorageNotification parse(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("storage notification is not a JSON object");
        }
        JsonNode records = root.path("Records");
        if (!records.isArray() || records.isEmpty()) {
            throw new IllegalArgumentException("storage notification has no Records");
        }
        List<StorageRecord> parsed = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            parsed.add(record(records.get(i), "Records[" + i + "]"));
        }
        String eventName = root.hasNonNull("EventName") ? root.get("EventName").asText() : parsed.get(0).eventName();
        String key = root.hasNonNull("Key") ? root.get("Key").asText()
                : parsed.get(0).bucket() + "/" + parsed.get(0).objectKey();
        return new StorageNotification(eventName, key, parsed);
    }

    /** The first record; MinIO sends one record per notification. */
    public StorageRecord first() {
        return records.get(0);
    }

    private static StorageRecord record(JsonNode record, String where) {
        String eventName = text(record, "eventName", where);
        Instant eventTime;
        String time = text(record, "eventTime", where);
        try {
            eventTime = Instant.parse(time);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("storage notification " + where + ".eventTime \"" + time
                    + "\" is not an ISO-8601 instant", e);
        }
        JsonNode s3 = required(record, "s3", where);
        String bucket = text(required(s3, "bucket", where + ".s3"), "name", where + ".s3.bucket");
        JsonNode object = required(s3, "object", where + ".s3");
        String escapedKey = text(object, "key", where + ".s3.object");
        String objectKey;
        try {
            objectKey = MinioKeyEscaping.unescape(escapedKey);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("storage notification " + where + ".s3.object.key: " + e.getMessage(), e);
        }
        boolean created = eventName.startsWith(StorageRecord.CREATED_PREFIX);
        Long size = object.hasNonNull("size") ? Long.valueOf(object.get("size").asLong()) : created ? Long.valueOf(0) : null;
        String eTag = object.hasNonNull("eTag") ? stripQuotes(object.get("eTag").asText()) : null;
        String contentType = object.hasNonNull("contentType") ? object.get("contentType").asText() : null;
        Map<String, String> userMetadata = new LinkedHashMap<>();
        JsonNode metadata = object.path("userMetadata");
        for (Iterator<Map.Entry<String, JsonNode>> it = metadata.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            userMetadata.put(entry.getKey(), entry.getValue().asText());
        }
        String sequencer = object.hasNonNull("sequencer") ? object.get("sequencer").asText() : null;
        return new StorageRecord(eventName, eventTime, bucket, objectKey, size, eTag, contentType, userMetadata,
                sequencer);
    }

    private static JsonNode required(JsonNode node, String field, String where) {
        JsonNode child = node.get(field);
        if (child == null || !child.isObject()) {
            throw new IllegalArgumentException("storage notification " + where + "." + field + " is missing");
        }
        return child;
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode child = node.get(field);
        if (child == null || !child.isTextual() || child.asText().isEmpty()) {
            throw new IllegalArgumentException("storage notification " + where + "." + field + " is missing");
        }
        return child.asText();
    }

    private static String stripQuotes(String eTag) {
        return eTag.length() >= 2 && eTag.startsWith("\"") && eTag.endsWith("\"")
                ? eTag.substring(1, eTag.length() - 1) : eTag;
    }
}
