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
        assertTrue(FoldLease.heldByOther(Optional.of(new FoldLease("b", 1, NOW.minusSeconds(29))), "a", NOW, TTL));
    }

    @Test
    void anExpiredOwnOrMissingLeaseDoesNot() {
        assertFalse(FoldLease.heldByOther(Optional.of(new FoldLease("b", 1, NOW.minusSeconds(30))), "a", NOW, TTL),
                "expired: its trainer died");
        assertFalse(FoldLease.heldByOther(Optional.of(new FoldLease("a", 1, NOW)), "a", NOW, TTL), "own lease");
        assertFalse(FoldLease.heldByOther(Optional.empty(), "a", NOW, TTL));
    }

    @Test
    void theGenerationTellsTwoLeasesOfOneHolderApart() {
        FoldLease lease = new FoldLease("a", 3, NOW);
        assertTrue(lease.is("a", 3));
        assertFalse(lease.is("a", 2));
        assertFalse(lease.is("b", 3));
    }

    @Test
    void roundTripsAsJsonAndRejectsMissingFields() {
        FoldLease lease = new FoldLease("trainer-1-abcd", 7, NOW);
        assertEquals(lease, ContractJson.read(ContractJson.write(lease), FoldLease.class));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ContractJson.read("{\"renewedAt\":\"2026-11-29T12:00:00Z\"}", FoldLease.class));
        assertTrue(e.getMessage().contains("holder"), e.getMessage());
        // a lease written before generations existed
        assertEquals(0, ContractJson.read("{\"holder\":\"x\",\"renewedAt\":\"2026-11-29T12:00:00Z\"}",
                FoldLease.class).generation());
    }
}
