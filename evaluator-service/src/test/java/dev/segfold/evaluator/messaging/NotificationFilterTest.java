package dev.segfold.evaluator.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.segfold.contracts.storage.CheckpointRef;
import java.util.List;
import org.junit.jupiter.api.Test;

class NotificationFilterTest {

    static String notification(String event, String bucket, String escapedKey) {
        return """
                {"EventName":"%1$s","Key":"%2$s/x","Records":[{"eventVersion":"2.0","eventSource":"minio:s3",
                "eventTime":"2026-11-29T10:00:00.000Z","eventName":"%1$s",
                "s3":{"bucket":{"name":"%2$s"},"object":{"key":"%3$s","size":12}}}]}
                """.formatted(event, bucket, escapedKey);
    }

    @Test
    void aCreatedManifestInTheRunsBucketIsACheckpoint() {
        List<CheckpointRef> refs = StorageEventConsumer.checkpoints(notification("s3:ObjectCreated:Put", "segfold-runs",
                "r1%2F3d_fullres%2Ffold3%2Fiter_40%2Fcheckpoint.json"), "segfold-runs");
        assertEquals(List.of(new CheckpointRef("r1", "3d_fullres", 3, 40)), refs);
    }

    @Test
    void otherObjectsBucketsAndRemovalsAreIgnored() {
        assertEquals(List.of(), StorageEventConsumer.checkpoints(notification("s3:ObjectCreated:Put", "segfold-runs",
                "r1%2F3d_fullres%2Ffold3%2Fiter_40%2Fmodel.params"), "segfold-runs"));
        assertEquals(List.of(), StorageEventConsumer.checkpoints(notification("s3:ObjectCreated:Put", "segfold-datasets",
                "r1%2F3d_fullres%2Ffold3%2Fiter_40%2Fcheckpoint.json"), "segfold-runs"));
        assertEquals(List.of(), StorageEventConsumer.checkpoints(notification("s3:ObjectRemoved:Delete", "segfold-runs",
                "r1%2F3d_fullres%2Ffold3%2Fiter_40%2Fcheckpoint.json"), "segfold-runs"));
        assertEquals(List.of(), StorageEventConsumer.checkpoints(notification("s3:ObjectCreated:Put", "segfold-runs",
                "r1%2F3d_fullres%2Ffold3%2Fvalidation%2Fsummary.json"), "segfold-runs"));
    }

    @Test
    void malformedRecordsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> StorageEventConsumer.checkpoints("{not json", "segfold-runs"));
        assertThrows(IllegalArgumentException.class, () -> StorageEventConsumer.checkpoints("{\"Records\":[]}", "segfold-runs"));
        assertThrows(IllegalArgumentException.class, () -> StorageEventConsumer.checkpoints(null, "segfold-runs"));
        assertThrows(IllegalArgumentException.class, () -> StorageEventConsumer.checkpoints(" ", "segfold-runs"));
    }
}
