package dev.segfold.trainer.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.contracts.events.FoldId;
import dev.segfold.contracts.events.FoldProgress;
import dev.segfold.contracts.events.FoldTrainingRequested;
import dev.segfold.contracts.json.ContractJson;
import dev.segfold.contracts.spec.FoldSettings;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FoldRequestsTest {
    private final FoldId fold = new FoldId("run-1", "3d_fullres", 0, 1);

    @Test
    void readsARequest() {
        FoldTrainingRequested request = new FoldTrainingRequested(fold, "Task04", FoldSettings.of(6, 3, 2, 1, 7L),
                "run-1/plans.json",
                "run-1/configs/3d_fullres/nnunet_fold1.yml", null, Instant.parse("2026-11-29T10:00:00Z"));
        assertEquals(request, FoldRequests.parse(ContractJson.writeString(request)));
    }

    @Test
    void rejectsEmptyMalformedAndOtherEvents() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FoldRequests.parse(null))
                .getMessage().contains("no value"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FoldRequests.parse("{not json"))
                .getMessage().contains("cannot read"));
        String progress = ContractJson.writeString(new FoldProgress(fold, 1, 2, 0.5, null, null, 0.01, 1, null,
                Instant.now()));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FoldRequests.parse(progress))
                .getMessage().contains("not a " + FoldTrainingRequested.TYPE));
    }

    @Test
    void rejectsARequestWithAnInvalidField() {
        String json = ContractJson.writeString(new FoldTrainingRequested(fold, "Task04", FoldSettings.of(6, 3, 2, 1, 7L),
                "run-1/plans.json", "run-1/configs/x.yml", null, Instant.now())).replace("\"iterations\":6",
                "\"iterations\":0");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FoldRequests.parse(json));
        assertTrue(e.getMessage().contains("iterations"), e.getMessage());
    }
}
