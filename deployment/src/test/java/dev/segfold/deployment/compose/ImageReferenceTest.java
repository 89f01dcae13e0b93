package dev.segfold.deployment.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImageReferenceTest {

    @Test
    void splitsRegistryPortTagAndDigest() {
        assertEquals(new ImageReference("localhost:5000/segfold/trainer", Optional.of("1.0"), Optional.empty()),
                ImageReference.parse("localhost:5000/segfold/trainer:1.0"));
        assertEquals(new ImageReference("localhost:5000/segfold/trainer", Optional.empty(), Optional.empty()),
                ImageReference.parse("localhost:5000/segfold/trainer"));
        assertEquals(new ImageReference("minio/mc", Optional.of("RELEASE.2025-08-13T08-35-41Z"),
                Optional.of("sha256:abc")), ImageReference.parse("minio/mc:RELEASE.2025-08-13T08-35-41Z@sha256:abc"));
        assertThrows(IllegalArgumentException.class, () -> ImageReference.parse(" "));
    }

    @Test
    void pinnedMeansOneRelease() {
        assertTrue(ImageReference.parse("apache/kafka:4.1.2").pinned());
        assertTrue(ImageReference.parse("minio/minio@sha256:0123").pinned());
        assertFalse(ImageReference.parse("apache/kafka").pinned());
        assertFalse(ImageReference.parse("apache/kafka:latest").pinned());
        assertFalse(ImageReference.parse("apache/kafka:${KAFKA_TAG}").pinned());
    }
}
