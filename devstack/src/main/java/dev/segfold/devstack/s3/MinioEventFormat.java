package dev.segfold.devstack.s3;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.segfold.contracts.storage.notification.MinioKeyEscaping;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Writes bucket notifications in the JSON shape of MinIO's Kafka target: the {@code event.Log}
 * wrapper ({@code EventName}, {@code Key}, {@code Records}) around one S3-style record, field for
 * field as MinIO's {@code eventArgs.ToEvent} fills it, including its omissions (no size, eTag,
 * content type or metadata for removals; size omitted when 0, as Go's {@code omitempty} does).
 *
 * <p>What S3Proxy does not tell a BlobStore is filled honestly: the client's address is
 * 127.0.0.1 (the server listens only there), its port and user agent are empty.
 */
public final class MinioEventFormat {

    private static final DateTimeFormatter AMZ_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final String CLIENT_HOST = "127.0.0.1";

    private final ObjectMapper mapper = new ObjectMapper();
    private final String principalId;
    private final String region;
    private final Supplier<String> originEndpoint;
    private final String deploymentId = UUID.randomUUID().toString();
    /** MinIO puts a hex node id in {@code x-amz-id-2}; one random id per devstack stands in. */
    private final String nodeId = HexFormat.of().formatHex(ByteBuffer.allocate(32)
            .putLong(ThreadLocalRandom.current().nextLong()).putLong(ThreadLocalRandom.current().nextLong())
            .putLong(ThreadLocalRandom.current().nextLong()).putLong(ThreadLocalRandom.current().nextLong()).array());
    private final AtomicLong lastSequence = new AtomicLong();

    /**
     * @param principalId    the access key, reported as the acting identity
     * @param region         the region reported as {@code awsRegion}
     * @param originEndpoint the S3 endpoint, e.g. {@code http://127.0.0.1:9000}, once known
     */
    public MinioEventFormat(String principalId, String region, Supplier<String> originEndpoint) {
        this.principalId = principalId;
        this.region = region;
        this.originEndpoint = originEndpoint;
    }

    /** What a notification says about the object; {@code null} fields are left out. */
    public record ObjectInfo(long size, String eTag, String contentType, Map<String, String> userMetadata) {
    }

    /**
     * The notification JSON.
     *
     * @param eventName e.g. {@code s3:ObjectCreated:Put}
     * @param object    null for removals
     */
    public String format(String eventName, String bucket, String objectKey, ObjectInfo object, Instant time) {
        ObjectNode record = mapper.createObjectNode();
        record.put("eventVersion", "2.0");
        record.put("eventSource", "minio:s3");
        record.put("awsRegion", region);
        record.put("eventTime", AMZ_TIME.format(time));
        record.put("eventName", eventName);
        record.putObject("userIdentity").put("principalId", principalId);
        record.putObject("requestParameters")
                .put("principalId", principalId)
                .put("region", region)
                .put("sourceIPAddress", CLIENT_HOST);
        record.putObject("responseElements")
                .put("x-amz-id-2", nodeId)
                .put("x-amz-request-id", String.format("%X", ThreadLocalRandom.current().nextLong() >>> 4))
                .put("x-minio-deployment-id", deploymentId)
                .put("x-minio-origin-endpoint", originEndpoint.get());
        ObjectNode s3 = record.putObject("s3");
        s3.put("s3SchemaVersion", "1.0");
        s3.put("configurationId", "Config");
        ObjectNode bucketNode = s3.putObject("bucket");
        bucketNode.put("name", bucket);
        bucketNode.putObject("ownerIdentity").put("principalId", principalId);
        bucketNode.put("arn", "arn:aws:s3:::" + bucket);
        ObjectNode objectNode = s3.putObject("object");
        objectNode.put("key", MinioKeyEscaping.escape(objectKey));
        if (object != null) {
            if (object.size() != 0) {
                objectNode.put("size", object.size());
            }
            if (object.eTag() != null && !object.eTag().isEmpty()) {
                objectNode.put("eTag", object.eTag());
            }
            if (object.contentType() != null && !object.contentType().isEmpty()) {
                objectNode.put("contentType", object.contentType());
            }
            ObjectNode metadata = mapper.createObjectNode();
            if (object.contentType() != null && !object.contentType().isEmpty()) {
                metadata.put("content-type", object.contentType());
            }
            if (object.userMetadata() != null) {
                object.userMetadata().forEach((k, v) -> metadata.put("X-Amz-Meta-" + k, v));
            }
            if (!metadata.isEmpty()) {
                objectNode.set("userMetadata", metadata);
            }
        }
        objectNode.put("sequencer", String.format("%X", nextSequence(time)));
        record.putObject("source").put("host", CLIENT_HOST).put("port", "").put("userAgent", "");

        ObjectNode log = mapper.createObjectNode();
        log.put("EventName", eventName);
        log.put("Key", bucket + "/" + objectKey);
        log.putArray("Records").add(record);
        return log.toString();
    }

    /** MinIO uses the time in nanoseconds; kept strictly increasing so it orders events. */
    private long nextSequence(Instant time) {
        long nanos = time.getEpochSecond() * 1_000_000_000L + time.getNano();
        return lastSequence.updateAndGet(last -> Math.max(last + 1, nanos));
    }
}
