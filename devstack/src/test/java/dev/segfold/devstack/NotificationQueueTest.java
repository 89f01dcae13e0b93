package dev.segfold.devstack;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.segfold.contracts.storage.notification.StorageNotification;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bucket notifications while Kafka is away (issue 9): they queue on disk, as MinIO's queue_dir,
 * and reach Kafka once it is back, in order, also when the devstack itself stopped meanwhile.
 */
class NotificationQueueTest {

    @TempDir
    Path data;

    private static void put(DevStack stack, String key) throws Exception {
        MinioClient s3 = MinioClient.builder().endpoint(stack.s3Endpoint().toString())
                .credentials(stack.accessKey(), stack.secretKey()).region(stack.region()).build();
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        s3.putObject(PutObjectArgs.builder().bucket("segfold-runs").object(key)
                .stream(new ByteArrayInputStream(bytes), bytes.length, -1).build());
    }

    private static List<String> notifiedKeys(DevStack stack) {
        return NotificationDrain.ofBucket(stack, "segfold-runs").stream()
                .map(r -> StorageNotification.parse(r.value()).first().objectKey()).toList();
    }

    /** Reads the topic until {@code expected} keys are there (the sender retries with backoff). */
    private static List<String> awaitKeys(DevStack stack, int expected) {
        return await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> notifiedKeys(stack), keys -> keys.size() >= expected);
    }

    @Test
    void notificationsWaitOnDiskWhileKafkaIsAwayAndArriveInOrderWhenItIsBackOrAtTheNextStart() throws Exception {
        DevStackConfig config = DevStackConfig.builder("queue-test", "queue-test-secret").dataDir(data).build();
        try (DevStack stack = DevStack.start(config)) {
            put(stack, "r1/before.json");
            assertEquals(List.of("r1/before.json"), notifiedKeys(stack), "delivered before the request returned");

            stack.stopKafka();
            put(stack, "r1/while-away-1.json");
            put(stack, "r1/while-away-2.json");
            assertEquals(2, stack.queuedNotifications(), "both events wait on disk");

            stack.restartKafka();
            assertEquals(List.of("r1/before.json", "r1/while-away-1.json", "r1/while-away-2.json"), awaitKeys(stack, 3));
            assertEquals(0, stack.queuedNotifications());

            // the devstack stops while an event waits: the next start on the same data delivers it
            stack.stopKafka();
            put(stack, "r2/queued.json");
            assertEquals(1, stack.queuedNotifications());
        }
        try (DevStack again = DevStack.start(config)) {
            assertEquals(List.of("r1/before.json", "r1/while-away-1.json", "r1/while-away-2.json", "r2/queued.json"),
                    awaitKeys(again, 4));
            assertEquals(0, again.queuedNotifications());
        }
    }
}
