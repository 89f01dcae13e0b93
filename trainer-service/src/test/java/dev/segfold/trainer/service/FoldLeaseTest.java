package dev.segfold.trainer.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.contracts.json.ContractJson;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FoldLeaseTest {
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private static final Duration TTL = Duration.ofMinutes(5);

    @Test
    void aFreshLeaseOfAnotherTrainerBlocks() {
        assertTrue(FoldLease.heldByOther(Optional.of(new FoldLease("b", NOW.minusSeconds(299))), "a", NOW, TTL));
    }

    @Test
    void anExpiredOwnOrMissingLeaseDoesNot() {
        assertFalse(FoldLease.heldByOther(Optional.of(new FoldLease("b", NOW.minusSeconds(300))), "a", NOW, TTL),
                "expired: its trainer died");
        assertFalse(FoldLease.heldByOther(Optional.of(new FoldLease("a", NOW)), "a", NOW, TTL), "own lease");
        assertFalse(FoldLease.heldByOther(Optional.empty(), "a", NOW, TTL));
    }

    @Test
    void roundTripsAsJsonAndRejectsMissingFields() {
        FoldLease lease = new FoldLease("trainer-1-abcd", NOW);
        assertEquals(lease, ContractJson.read(ContractJson.write(lease), FoldLease.class));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ContractJson.read("{\"renewedAt\":\"2026-11-29T12:00:00Z\"}", FoldLease.class));
        assertTrue(e.getMessage().contains("holder"), e.getMessage());
    }
}
