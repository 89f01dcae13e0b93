package dev.segfold.devstack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segfold.contracts.storage.notification.StorageNotification;
import dev.segfold.contracts.storage.notification.StorageRecord;
import dev.segfold.devstack.junit.DevStackExtension;
import dev.segfold.devstack.s3.NotificationFilter;
import io.minio.BucketExistsArgs;
import io.minio.CopyObjectArgs;
import io.minio.CopySource;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.RemoveObjectsArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.http.Method;
import io.minio.messages.DeleteError;
import io.minio.messages.DeleteObject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The devstack's S3 server, driven with minio-java, and the notifications it puts on Kafka. */
@ExtendWith(DevStackExtension.class)
class DevStackNotificationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static MinioClient client(DevStack stack) {
        return MinioClient.builder().endpoint(stack.s3Endpoint().toString())
                .credentials(stack.accessKey(), stack.secretKey()).region(stack.region()).build();
    }

    private static String newBucket(DevStack stack, String name) throws Exception {
        MinioClient s3 = client(stack);
        if (!s3.bucketExists(BucketExistsArgs.builder().bucket(name).build())) {
            s3.makeBucket(MakeBucketArgs.builder().bucket(name).build());
        }
        return name;
    }

    private static String md5(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
    }

    private static void put(MinioClient s3, String bucket, String key, byte[] data, String contentType)
            throws Exception {
        s3.putObject(PutObjectArgs.builder().bucket(bucket).object(key)
                .stream(new ByteArrayInputStream(data), data.length, -1).contentType(contentType).build());
    }

    @Test
    void segfoldBucketsExistAtStart(DevStack stack) throws Exception {
        MinioClient s3 = client(stack);
        for (String bucket : List.of("segfold-datasets", "segfold-runs", "segfold-cache")) {
            assertTrue(s3.bucketExists(BucketExistsArgs.builder().bucket(bucket).build()), bucket);
        }
    }

    @Test
    void putPublishesMinioRecordWithEscapedKey(DevStack stack) throws Exception {
        String bucket = newBucket(stack, "notify-put");
        String key = "r1/3d_lowres/fold 0/a+b~c.json";
        byte[] data = "{\"iteration\": 2000}".getBytes(StandardCharsets.UTF_8);
        Instant before = Instant.now().minusSeconds(1);
        put(client(stack), bucket, key, data, "application/json");

        List<ConsumerRecord<String, String>> records = NotificationDrain.ofBucket(stack, bucket);
        assertEquals(1, records.size(), records.toString());
        ConsumerRecord<String, String> kafkaRecord = records.get(0);
        assertEquals(bucket + "/" + key, kafkaRecord.key());

        JsonNode log = JSON.readTree(kafkaRecord.value());
        assertEquals("s3:ObjectCreated:Put", log.get("EventName").asText());
        assertEquals(bucket + "/" + key, log.get("Key").asText());
        assertEquals(1, log.get("Records").size());
        JsonNode r = log.get("Records").get(0);
        assertEquals("2.0", r.get("eventVersion").asText());
        assertEquals("minio:s3", r.get("eventSource").asText());
        assertEquals(stack.region(), r.get("awsRegion").asText());
        assertTrue(r.get("eventTime").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"),
                r.get("eventTime").asText());
        Instant eventTime = Instant.parse(r.get("eventTime").asText());
        assertFalse(eventTime.isBefore(before) || eventTime.isAfter(Instant.now()), eventTime.toString());
        assertEquals("s3:ObjectCreated:Put", r.get("eventName").asText());
        assertEquals(stack.accessKey(), r.get("userIdentity").get("principalId").asText());
        assertEquals(stack.accessKey(), r.get("requestParameters").get("principalId").asText());
        assertEquals(stack.s3Endpoint().toString(), r.get("responseElements").get("x-minio-origin-endpoint").asText());
        JsonNode s3 = r.get("s3");
        assertEquals("1.0", s3.get("s3SchemaVersion").asText());
        assertEquals("Config", s3.get("configurationId").asText());
        assertEquals(bucket, s3.get("bucket").get("name").asText());
        assertEquals(stack.accessKey(), s3.get("bucket").get("ownerIdentity").get("principalId").asText());
        assertEquals("arn:aws:s3:::" + bucket, s3.get("bucket").get("arn").asText());
        JsonNode object = s3.get("object");
        // Go's url.QueryEscape: '/' as %2F, space as '+', '+' as %2B, '~' kept.
        assertEquals("r1%2F3d_lowres%2Ffold+0%2Fa%2Bb~c.json", object.get("key").asText());
        assertEquals(data.length, object.get("size").asLong());
        assertEquals(md5(data), object.get("eTag").asText());
        assertEquals("application/json", object.get("contentType").asText());
        assertEquals("application/json", object.get("userMetadata").get("content-type").asText());
        assertTrue(object.get("sequencer").asText().matches("[0-9A-F]+"));
        JsonNode source = r.get("source");
        assertTrue(source.has("host") && source.has("port") && source.has("userAgent"));

        StorageRecord parsed = StorageNotification.parse(kafkaRecord.value()).first();
        assertEquals(key, parsed.objectKey());
        assertEquals(bucket, parsed.bucket());
        assertEquals((long) data.length, parsed.size());
        assertTrue(parsed.created());
    }

    @Test
    void multipartUploadGivesOneCompleteEventAndNoStubEvents(DevStack stack) throws Exception {
        String bucket = newBucket(stack, "notify-multipart");
        byte[] data = new byte[11 * 1024 * 1024];
        new Random(7).nextBytes(data);
        MinioClient s3 = client(stack);
        // Unknown size with 5 MiB parts: minio-java uploads three parts.
        s3.putObject(PutObjectArgs.builder().bucket(bucket).object("big/model.params")
                .stream(new ByteArrayInputStream(data), -1, 5 * 1024 * 1024).build());

        List<ConsumerRecord<String, String>> records = NotificationDrain.ofBucket(stack, bucket);
        assertEquals(1, records.size(), "expected only the completion, got " + records.stream()
                .map(ConsumerRecord::key).toList());
        StorageRecord r = StorageNotification.parse(records.get(0).value()).first();
        assertEquals("s3:ObjectCreated:CompleteMultipartUpload", r.eventName());
        assertEquals("big/model.params", r.objectKey());
        assertEquals((long) data.length, r.size());
        String statETag = s3.statObject(StatObjectArgs.builder().bucket(bucket).object("big/model.params").build()).etag();
        assertEquals(statETag.replace("\"", ""), r.eTag());
        assertTrue(r.eTag().endsWith("-3"), r.eTag());
    }

    @Test
    void removalsPublishDeleteWithoutSizeOrETag(DevStack stack) throws Exception {
        String bucket = newBucket(stack, "notify-remove");
        MinioClient s3 = client(stack);
        for (String key : List.of("a.txt", "b.txt", "c.txt")) {
            put(s3, bucket, key, key.getBytes(StandardCharsets.UTF_8), "text/plain");
        }
        s3.removeObject(RemoveObjectArgs.builder().bucket(bucket).object("a.txt").build());
        for (Result<DeleteError> error : s3.removeObjects(RemoveObjectsArgs.builder().bucket(bucket)
                .objects(List.of(new DeleteObject("b.txt"), new DeleteObject("c.txt"))).build())) {
            throw new AssertionError("delete failed: " + error.get().message());
        }

        List<StorageRecord> removed = NotificationDrain.ofBucket(stack, bucket).stream()
                .map(r -> StorageNotification.parse(r.value()).first()).filter(StorageRecord::removed).toList();
        assertEquals(List.of("a.txt", "b.txt", "c.txt"), removed.stream().map(StorageRecord::objectKey).sorted().toList());
        for (StorageRecord r : removed) {
            assertEquals("s3:ObjectRemoved:Delete", r.eventName());
            assertNull(r.size());
            assertNull(r.eTag());
        }
        String raw = NotificationDrain.ofBucket(stack, bucket).stream().map(ConsumerRecord::value)
                .filter(v -> v.contains("ObjectRemoved")).findFirst().orElseThrow();
        JsonNode object = JSON.readTree(raw).get("Records").get(0).get("s3").get("object");
        assertFalse(object.has("size") || object.has("eTag") || object.has("contentType"), object.toString());
    }

    @Test
    void copyPublishesCopyEvent(DevStack stack) throws Exception {
        String bucket = newBucket(stack, "notify-copy");
        MinioClient s3 = client(stack);
        byte[] data = "weights".getBytes(StandardCharsets.UTF_8);
        put(s3, bucket, "src.bin", data, "application/octet-stream");
        s3.copyObject(CopyObjectArgs.builder().bucket(bucket).object("dst.bin")
                .source(CopySource.builder().bucket(bucket).object("src.bin").build()).build());
        StorageRecord copy = NotificationDrain.ofBucket(stack, bucket).stream()
                .map(r -> StorageNotification.parse(r.value()).first())
                .filter(r -> r.objectKey().equals("dst.bin")).findFirst().orElseThrow();
        assertEquals("s3:ObjectCreated:Copy", copy.eventName());
        assertEquals((long) data.length, copy.size());
        assertEquals(md5(data), copy.eTag());
    }

    @Test
    void suffixFilterPassesOnlyMatchingKeys(DevStack stack) throws Exception {
        String bucket = newBucket(stack, "notify-suffix");
        stack.setNotificationFilter(bucket, NotificationFilter.suffix("checkpoint.json"));
        try {
            MinioClient s3 = client(stack);
            String prefix = "r1/3d_fullres/fold0/iter_10/";
            put(s3, bucket, prefix + "model.params", new byte[100], "application/octet-stream");
            put(s3, bucket, prefix + "optimizer.params", new byte[100], "application/octet-stream");
            put(s3, bucket, prefix + "checkpoint.json", "{}".getBytes(StandardCharsets.UTF_8), "application/json");
            List<String> keys = NotificationDrain.ofBucket(stack, bucket).stream()
                    .map(r -> StorageNotification.parse(r.value()).first().objectKey()).toList();
            assertEquals(List.of(prefix + "checkpoint.json"), keys);
        } finally {
            stack.clearNotificationFilter(bucket);
        }
    }

    @Test
    void presignedGetWorks(DevStack stack) throws Exception {
        String bucket = newBucket(stack, "presigned");
        byte[] data = "submission".getBytes(StandardCharsets.UTF_8);
        MinioClient s3 = client(stack);
        put(s3, bucket, "package/submission.zip", data, "application/zip");
        String url = s3.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder().method(Method.GET)
                .bucket(bucket).object("package/submission.zip").expiry(300).build());
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode());
        assertArrayEquals(data, response.body());
        HttpResponse<byte[]> tampered = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url.replace("submission.zip", "other.zip")))
                        .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(403, tampered.statusCode());
    }

    @Test
    void wrongCredentialsAreRefused(DevStack stack) {
        MinioClient wrong = MinioClient.builder().endpoint(stack.s3Endpoint().toString())
                .credentials(stack.accessKey(), "not-the-secret-key").region(stack.region()).build();
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                () -> wrong.bucketExists(BucketExistsArgs.builder().bucket("segfold-runs").build()));
        assertTrue(String.valueOf(e.getMessage()).contains("Signature") || e instanceof io.minio.errors.ErrorResponseException,
                e.toString());
    }
}
