package dev.segfold.contracts.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segfold.contracts.events.FoldId;
import dev.segfold.contracts.events.FoldProgress;
import dev.segfold.contracts.json.ContractJson;
import dev.segfold.contracts.topics.Service;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StatusEnvelopeTest {

    @Test
    void wrapsAnEventAsStructuredCloudEventAndBack() throws Exception {
        FoldProgress progress = new FoldProgress(new FoldId("r1", "3d_fullres", 0, 2), 20, 100, 0.9, null, null,
                0.01, 12.5, 50.0, Instant.parse("2026-11-29T12:00:00Z"));
        StatusEnvelope envelope = StatusEnvelope.of(progress, Service.TRAINER);
        byte[] json = ContractJson.write(envelope);
        JsonNode tree = ContractJson.mapper().readTree(json);
        assertEquals("1.0", tree.get("specversion").asText());
        assertEquals("dev.segfold.fold.progress", tree.get("type").asText());
        assertEquals("/segfold/trainer-service", tree.get("source").asText());
        assertEquals("r1/0/2", tree.get("subject").asText());
        assertEquals("2026-11-29T12:00:00Z", tree.get("time").asText());
        assertEquals(20, tree.get("data").get("iteration").asInt());
        StatusEnvelope back = ContractJson.read(json, StatusEnvelope.class);
        assertEquals(progress, back.event());
        assertEquals(envelope.id(), back.id());
    }

    @Test
    void rejectsUnknownTypes() {
        String json = "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/x\",\"type\":\"com.other\",\"data\":{}}";
        var e = assertThrows(IllegalArgumentException.class, () -> ContractJson.read(json, StatusEnvelope.class));
        assertEquals(true, e.getMessage().contains("com.other"), e.getMessage());
    }
}
