package dev.segfold.predictor.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.contracts.events.ClassDice;
import dev.segfold.contracts.events.FoldEvaluated;
import dev.segfold.contracts.events.FoldId;
import dev.segfold.contracts.events.RunFailed;
import dev.segfold.contracts.json.ContractJson;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluationsConsumerTest {
    @Test
    void acceptsFoldEvaluatedOnly() {
        FoldId id = new FoldId("r1", "3d_fullres", 0, 3);
        FoldEvaluated e = new FoldEvaluated(id, 40, id.layout().checkpoint(40).manifest(), "b".repeat(64),
                List.of(new ClassDice(1, "a", 0.9)), id.layout().validationSummary(), id.layout().postprocessing(),
                Instant.parse("2026-01-01T00:00:00Z"));
        assertEquals(e, EvaluationsConsumer.parse(ContractJson.writeString(e)));
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class, () -> EvaluationsConsumer.parse(
                ContractJson.writeString(new RunFailed("r1", "x", Instant.now()))));
        assertTrue(other.getMessage().contains("dev.segfold.run.failed"), other.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EvaluationsConsumer.parse("{\"eventType\":\"nope\"}"));
        assertThrows(IllegalArgumentException.class, () -> EvaluationsConsumer.parse(" "));
        assertThrows(IllegalArgumentException.class, () -> EvaluationsConsumer.parse(null));
    }
}
