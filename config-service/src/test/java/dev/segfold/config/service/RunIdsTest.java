package dev.segfold.config.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.contracts.storage.KeySegments;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RunIdsTest {
    @Test
    void idsCarryTheUtcTimeAreSafeKeySegmentsAndDiffer() {
        RunIds ids = new RunIds(Clock.fixed(Instant.parse("2026-11-29T17:34:22Z"), ZoneOffset.UTC));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String id = ids.next();
            assertTrue(id.matches("r-20261129-173422-[a-z2-9]{6}"), id);
            assertTrue(KeySegments.isValid(id), id);
            seen.add(id);
        }
        assertEquals(200, seen.size());
    }
}
