package dev.segfold.devstack.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segfold.contracts.storage.notification.StorageNotification;
import dev.segfold.contracts.storage.notification.StorageRecord;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MinioEventFormatTest {

    private final MinioEventFormat format = new MinioEventFormat("dev", "us-east-1", () -> "http://127.0.0.1:9000");
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void emptyObjectOmitsSizeLikeGoOmitemptyAndParsesAsZero() throws Exception {
        String value = format.format("s3:ObjectCreated:Put", "b1", "x/empty", new MinioEventFormat.ObjectInfo(
                0, "d41d8cd98f00b204e9800998ecf8427e", "text/plain", Map.of("owner", "me")), Instant.EPOCH);
        JsonNode object = json.readTree(value).get("Records").get(0).get("s3").get("object");
        assertFalse(object.has("size"));
        assertEquals("me", object.get("userMetadata").get("X-Amz-Meta-owner").asText());
        assertEquals("1970-01-01T00:00:00.000Z", json.readTree(value).get("Records").get(0).get("eventTime").asText());
        StorageRecord parsed = StorageNotification.parse(value).first();
        assertEquals(0L, parsed.size());
        assertEquals("x/empty", parsed.objectKey());
    }

    @Test
    void removalCarriesOnlyKeyAndSequencer() throws Exception {
        String value = format.format("s3:ObjectRemoved:Delete", "b1", "a b/c", null, Instant.now());
        JsonNode object = json.readTree(value).get("Records").get(0).get("s3").get("object");
        assertEquals("a+b%2Fc", object.get("key").asText());
        assertEquals(2, object.size(), object.toString());
        assertTrue(object.has("sequencer"));
        assertEquals("b1/a b/c", json.readTree(value).get("Key").asText());
    }

    @Test
    void sequencerIncreasesEvenWithinOneInstant() throws Exception {
        Instant same = Instant.parse("2026-11-29T12:00:00Z");
        long previous = -1;
        for (int i = 0; i < 5; i++) {
            String value = format.format("s3:ObjectRemoved:Delete", "b1", "k", null, same);
            long sequencer = Long.parseUnsignedLong(json.readTree(value).get("Records").get(0).get("s3")
                    .get("object").get("sequencer").asText(), 16);
            assertTrue(sequencer > previous);
            previous = sequencer;
        }
    }

    @Test
    void filterMatchesPrefixAndSuffix() {
        NotificationFilter filter = new NotificationFilter("r1/", "checkpoint.json");
        assertTrue(filter.matches("r1/3d/fold0/iter_2/checkpoint.json"));
        assertFalse(filter.matches("r2/3d/fold0/iter_2/checkpoint.json"));
        assertFalse(filter.matches("r1/3d/fold0/iter_2/model.params"));
        assertTrue(NotificationFilter.ALL.matches("anything"));
    }
}
