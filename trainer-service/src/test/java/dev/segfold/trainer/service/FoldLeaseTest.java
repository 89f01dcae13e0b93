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
    private static final Duration TTL = Duration.ofSeconds(30);

    @Test
    void aFreshLeaseOfAnotherTrainerBlocks() {
        assertTrue(FoldLease.heldByOther(Optional.of(FoldLease.of("b", 1, NOW.minusSeconds(29), TTL)), "a", NOW, TTL));
    }

    @Test
    void anExpiredOwnOrMissingLeaseDoesNot() {
        assertFalse(FoldLease.heldByOther(Optional.of(FoldLease.of("b", 1, NOW.minusSeconds(30), TTL)), "a", NOW, TTL),
                "expired: its trainer died");
        assertFalse(FoldLease.heldByOther(Optional.of(FoldLease.of("a", 1, NOW, TTL)), "a", NOW, TTL), "own lease");
        assertFalse(FoldLease.heldByOther(Optional.empty(), "a", NOW, TTL));
    }

    @Test
    void theGenerationTellsTwoLeasesOfOneHolderApart() {
        FoldLease lease = FoldLease.of("a", 3, NOW, TTL);
        assertTrue(lease.is("a", 3));
        assertFalse(lease.is("a", 2));
        assertFalse(lease.is("b", 3));
    }

    @Test
    void roundTripsAsJsonAndRejectsMissingFields() {
        FoldLease lease = FoldLease.of("trainer-1-abcd", 7, NOW, TTL);
        assertEquals(lease, ContractJson.read(ContractJson.write(lease), FoldLease.class));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ContractJson.read("{\"renewedAt\":\"2026-11-29T12:00:00Z\"}", FoldLease.class));
        assertTrue(e.getMessage().contains("holder"), e.getMessage());
        assertEquals(NOW.plus(TTL), lease.expiresAt());
        // a lease written before generations existed
        assertEquals(0, ContractJson.read("{\"holder\":\"x\",\"renewedAt\":\"2026-11-29T12:00:00Z\"}",
                FoldLease.class).generation());
    }
}
