package dev.segfold.config.stall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TrainerLeasesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    @Test
    void anExpiredLeaseNamesItsHolderAndALiveOneNothing() throws Exception {
        var expired = TrainerLeases.expired(JSON.readTree("""
                {"holder":"trainer-a-1234","generation":2,"renewedAt":"2026-12-07T11:59:00Z",
                 "expiresAt":"2026-12-07T11:59:30Z"}"""), NOW).orElseThrow();
        assertEquals("trainer-a-1234", expired.holder());
        assertEquals(Instant.parse("2026-12-07T11:59:30Z"), expired.expiresAt());
        assertTrue(TrainerLeases.expired(JSON.readTree("""
                {"holder":"b","generation":1,"renewedAt":"2026-12-07T11:59:50Z","expiresAt":"2026-12-07T12:00:20Z"}"""),
                NOW).isEmpty());
    }

    @Test
    void aLeaseWithoutExpiryOrUnreadableIsNeverCalledStalled() throws Exception {
        assertTrue(TrainerLeases.expired(JSON.readTree("{\"holder\":\"x\",\"renewedAt\":\"2020-01-01T00:00:00Z\"}"),
                NOW).isEmpty(), "an old trainer's lease has no expiry to judge by");
        assertTrue(TrainerLeases.expired(JSON.readTree("{\"holder\":\"x\",\"expiresAt\":\"yesterday\"}"), NOW)
                .isEmpty());
    }

    @Test
    void theDescriptionSaysTrainerLostAwaitingTakeover() {
        String text = new StalledFold(0, 3, "trainer-a-1234", NOW.minusSeconds(12)).describe(NOW);
        assertEquals("stage 0 fold 3: trainer lost (trainer-a-1234 stopped renewing its lease 12 s ago), "
                + "awaiting takeover", text);
    }
}
