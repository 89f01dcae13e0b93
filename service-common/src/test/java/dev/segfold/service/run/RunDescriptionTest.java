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

    @Test
    void stagesAndIntervalsAreRead() {
        RunDescription d = parse("""
                {"dataset":"d1","configuration":"3d_cascade_fullres","folds":[0,1],"importFolds":[],
                 "stages":[{"stage":0,"configuration":"3d_lowres","folds":[0,1,2],"importFolds":[3,4],"iterations":50},
                           {"stage":1,"configuration":"3d_cascade_fullres","folds":[0,1],"importFolds":[],"iterations":80}],
                 "iterations":80,"saveInterval":10,"logInterval":5,"seed":-7}""");
        assertEquals(2, d.stages().size());
        RunStage low = d.stage(0);
        assertEquals("3d_lowres", low.configuration());
        assertEquals(List.of(0, 1, 2), low.folds());
        assertEquals(List.of(0, 1, 2, 3, 4), low.expectedFolds());
        assertEquals(50, low.iterations());
        assertEquals(new RunStage(1, "3d_cascade_fullres", List.of(0, 1), List.of(), 80), d.stage(1));
        assertEquals(List.of(List.of(0, 1, 2), List.of(0, 1)), d.trainedFoldsByStage());
        assertEquals(10, d.saveInterval());
        assertEquals(5, d.logInterval());
        assertEquals(-7L, d.seed());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> d.stage(2));
        assertTrue(none.getMessage().contains("no stage 2"), none.getMessage());
    }

    @Test
    void withoutStagesTheTopLevelIsStageZero() {
        RunDescription d = parse("{\"dataset\":\"d1\",\"configuration\":\"3d_fullres\",\"folds\":[1,0],"
                + "\"importFolds\":[4]}");
        assertEquals(List.of(new RunStage(0, "3d_fullres", List.of(1, 0), List.of(4), 0)), d.stages());
        assertEquals(0, d.saveInterval());
        assertEquals(0L, d.seed());
        assertEquals(d.stages(), new RunDescription("run-1", "d1", "3d_fullres", List.of(1, 0), List.of(4)).stages());
    }

    @Test
    void badStagesNameTheField() {
        IllegalArgumentException notArray = assertThrows(IllegalArgumentException.class, () -> parse(
                "{\"dataset\":\"d1\",\"configuration\":\"3d_fullres\",\"folds\":[0],\"stages\":3}"));
        assertTrue(notArray.getMessage().contains("'stages'") && notArray.getMessage().contains("run.json"),
                notArray.getMessage());
        IllegalArgumentException noConfig = assertThrows(IllegalArgumentException.class, () -> parse(
                "{\"dataset\":\"d1\",\"configuration\":\"3d_fullres\",\"folds\":[0],\"stages\":[{\"folds\":[0]}]}"));
        assertTrue(noConfig.getMessage().contains("stages[0]") && noConfig.getMessage().contains("'configuration'"),
                noConfig.getMessage());
        IllegalArgumentException badFold = assertThrows(IllegalArgumentException.class, () -> parse(
                "{\"dataset\":\"d1\",\"configuration\":\"3d_fullres\",\"folds\":[0],\"stages\":"
                + "[{\"configuration\":\"3d_fullres\",\"folds\":[100]}]}"));
        assertTrue(badFold.getMessage().contains("stages[0]") && badFold.getMessage().contains("'folds'"),
                badFold.getMessage());
        IllegalArgumentException order = assertThrows(IllegalArgumentException.class, () -> parse(
                "{\"dataset\":\"d1\",\"configuration\":\"3d_fullres\",\"folds\":[0],\"stages\":"
                + "[{\"stage\":1,\"configuration\":\"3d_fullres\",\"folds\":[0]}]}"));
        assertTrue(order.getMessage().contains("stages[0]"), order.getMessage());
        IllegalArgumentException interval = assertThrows(IllegalArgumentException.class, () -> parse(
                "{\"dataset\":\"d1\",\"configuration\":\"3d_fullres\",\"folds\":[0],\"saveInterval\":\"x\"}"));
        assertTrue(interval.getMessage().contains("'saveInterval'"), interval.getMessage());
    }
}
