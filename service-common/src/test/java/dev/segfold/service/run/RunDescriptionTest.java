package dev.segfold.service.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunDescriptionTest {
    private static RunDescription parse(String json) {
        return RunDescription.parse("run-1", json.getBytes(StandardCharsets.UTF_8), "segfold-runs/run-1/run.json");
    }

    @Test
    void expectedFoldsAreTrainedAndImportedFoldsSortedWithoutRepeats() {
        RunDescription d = parse("""
                {"runId":"run-1","dataset":"Task04_Hippocampus","configuration":"3d_lowres",
                 "folds":[4,0,"1"],"importFolds":[2,0],"iterations":30000,"somethingNew":{"x":1}}""");
        assertEquals("Task04_Hippocampus", d.dataset());
        assertEquals("3d_lowres", d.configuration());
        assertEquals(List.of(0, 1, 2, 4), d.expectedFolds());
    }

    @Test
    void importFoldsMayBeAbsent() {
        assertEquals(List.of(0, 1), parse("{\"dataset\":\"d1\",\"configuration\":\"3d_fullres\",\"folds\":[0,1]}")
                .expectedFolds());
    }

    @Test
    void errorsNameTheFileAndTheField() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> parse("{\"configuration\":\"3d_fullres\",\"folds\":[0]}"));
        assertTrue(missing.getMessage().contains("run.json") && missing.getMessage().contains("'dataset'"),
                missing.getMessage());
        IllegalArgumentException badFold = assertThrows(IllegalArgumentException.class,
                () -> parse("{\"dataset\":\"d1\",\"configuration\":\"3d_fullres\",\"folds\":[0,\"x\"]}"));
        assertTrue(badFold.getMessage().contains("'folds'"), badFold.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> parse("{\"dataset\":\"d1\",\"configuration\":\"3d_fullres\",\"folds\":[]}"));
        assertTrue(none.getMessage().contains("expects no folds"), none.getMessage());
        IllegalArgumentException unsafe = assertThrows(IllegalArgumentException.class,
                () -> parse("{\"dataset\":\"../etc\",\"configuration\":\"3d_fullres\",\"folds\":[0]}"));
        assertTrue(unsafe.getMessage().contains("dataset"), unsafe.getMessage());
        assertThrows(IllegalArgumentException.class, () -> parse("{\"runId\":\"other\",\"dataset\":\"d1\","
                + "\"configuration\":\"3d_fullres\",\"folds\":[0]}"));
        assertThrows(IllegalArgumentException.class, () -> parse("not json"));
    }
}
