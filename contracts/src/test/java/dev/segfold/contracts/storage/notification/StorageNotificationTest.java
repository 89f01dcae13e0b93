package dev.segfold.contracts.storage.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class StorageNotificationTest {

    /** A record in the shape MinIO's Kafka target sends (field set from MinIO's event package). */
    private static final String PUT = """
            {"EventName":"s3:ObjectCreated:Put","Key":"segfold-runs/r1/3d_lowres/fold0/iter 2/checkpoint.json",
             "Records":[{"eventVersion":"2.0","eventSource":"minio:s3","awsRegion":"","eventTime":"2026-11-29T17:01:27.123Z",
              "eventName":"s3:ObjectCreated:Put","userIdentity":{"principalId":"dev"},
              "requestParameters":{"principalId":"dev","region":"","sourceIPAddress":"127.0.0.1"},
              "responseElements":{"x-amz-request-id":"17F","x-minio-origin-endpoint":"http://127.0.0.1:9000"},
              "s3":{"s3SchemaVersion":"1.0","configurationId":"Config",
                    "bucket":{"name":"segfold-runs","ownerIdentity":{"principalId":"dev"},"arn":"arn:aws:s3:::segfold-runs"},
                    "object":{"key":"r1%2F3d_lowres%2Ffold0%2Fiter+2%2Fcheckpoint.json","size":1234,
                              "eTag":"d41d8cd98f00b204e9800998ecf8427e","contentType":"application/json",
                              "userMetadata":{"content-type":"application/json"},"sequencer":"187C3F2B0E1A2C4D",
                              "someFutureField":{"x":1}}},
              "source":{"host":"127.0.0.1","port":"","userAgent":"MinIO (linux; amd64) minio-java/8.6.0"}}]}
            """;

    @Test
    void parsesMinioPutAndDecodesTheKey() {
        StorageNotification n = StorageNotification.parse(PUT);
        assertEquals("s3:ObjectCreated:Put", n.eventName());
        assertEquals("segfold-runs/r1/3d_lowres/fold0/iter 2/checkpoint.json", n.key());
        StorageRecord r = n.first();
        assertEquals("segfold-runs", r.bucket());
        assertEquals("r1/3d_lowres/fold0/iter 2/checkpoint.json", r.objectKey());
        assertEquals(1234L, r.size());
        assertEquals("d41d8cd98f00b204e9800998ecf8427e", r.eTag());
        assertEquals("application/json", r.contentType());
        assertEquals(Instant.parse("2026-11-29T17:01:27.123Z"), r.eventTime());
        assertTrue(r.created());
        assertFalse(r.removed());
    }

    @Test
    void removalHasNoSizeOrETag() {
        String json = PUT.replace("s3:ObjectCreated:Put", "s3:ObjectRemoved:Delete")
                .replace("\"size\":1234,", "").replace("\"eTag\":\"d41d8cd98f00b204e9800998ecf8427e\",", "");
        StorageRecord r = StorageNotification.parse(json).first();
        assertTrue(r.removed());
        assertNull(r.size());
        assertNull(r.eTag());
    }

    @Test
    void malformedNotificationsNameTheField() {
        var e = assertThrows(IllegalArgumentException.class, () -> StorageNotification.parse("{\"Records\":[]}"));
        assertTrue(e.getMessage().contains("Records"), e.getMessage());
        var k = assertThrows(IllegalArgumentException.class,
                () -> StorageNotification.parse(PUT.replace("\"key\":\"r1", "\"key\":\"%zz")));
        assertTrue(k.getMessage().contains("Records[0].s3.object.key"), k.getMessage());
        var t = assertThrows(IllegalArgumentException.class,
                () -> StorageNotification.parse(PUT.replace("2026-11-29T17:01:27.123Z", "yesterday")));
        assertTrue(t.getMessage().contains("eventTime"), t.getMessage());
        assertThrows(IllegalArgumentException.class, () -> StorageNotification.parse("not json"));
    }

    @Test
    void escapingMatchesGoQueryEscape() {
        // Expected strings are what Go's url.QueryEscape returns for these inputs.
        assertEquals("a%2Fb+c", MinioKeyEscaping.escape("a/b c"));
        assertEquals("x~y%2Az-_.", MinioKeyEscaping.escape("x~y*z-_."));
        assertEquals("caf%C3%A9%2B%25", MinioKeyEscaping.escape("caf\u00e9+%"));
        for (String key : new String[] {"a/b c", "x~y*z", "caf\u00e9+%", "emoji \ud83d\ude00/x", ""}) {
            assertEquals(key, MinioKeyEscaping.unescape(MinioKeyEscaping.escape(key)));
        }
        assertThrows(IllegalArgumentException.class, () -> MinioKeyEscaping.unescape("abc%2"));
    }
}
