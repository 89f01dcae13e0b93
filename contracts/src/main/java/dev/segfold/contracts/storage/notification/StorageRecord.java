package dev.segfold.contracts.storage.notification;

import java.time.Instant;
import java.util.Map;

/**
 * One record of a MinIO bucket notification, with the object key already unescaped.
 *
 * @param eventName    e.g. {@code s3:ObjectCreated:Put}, {@code s3:ObjectRemoved:Delete}
 * @param eventTime    when the server saw it
 * @param bucket       the bucket
 * @param objectKey    the object key, unescaped
 * @param size         bytes; null for removals (MinIO omits it then, and for empty objects,
 *                     which are read as 0 for creations)
 * @param eTag         the ETag without quotes; null for removals
 * @param contentType  null for removals
 * @param userMetadata metadata as MinIO reports it (includes {@code content-type}); empty for removals
 * @param sequencer    hex ordering token of the server
 */
public record StorageRecord(String eventName, Instant eventTime, String bucket, String objectKey, Long size,
                            String eTag, String contentType, Map<String, String> userMetadata, String sequencer) {

    /** Prefix of every creation event name. */
    public static final String CREATED_PREFIX = "s3:ObjectCreated:";
    /** Prefix of every removal event name. */
    public static final String REMOVED_PREFIX = "s3:ObjectRemoved:";

    /** Copies the metadata map. */
    public StorageRecord {
        userMetadata = userMetadata == null ? Map.of() : Map.copyOf(userMetadata);
    }

    /** True for {@code s3:ObjectCreated:*} (Put, Post, Copy, CompleteMultipartUpload). */
    public boolean created() {
        return eventName.startsWith(CREATED_PREFIX);
    }

    /** True for {@code s3:ObjectRemoved:*}. */
    public boolean removed() {
        return eventName.startsWith(REMOVED_PREFIX);
    }
}
