package dev.segfold.evaluator.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunSettingsTest {

    private static RunSettings parse(String json) {
        return RunSettings.parse(json.getBytes(StandardCharsets.UTF_8), "r1/run.json");
    }

    @Test
    void readsTopLevelFieldsAndIgnoresEverythingElse() {
        RunSettings run = parse("""
                {"runId":"r1","dataset":"Task04_Hippocampus","evaluateEveryCheckpoint":true,
                 "stages":["3d_lowres","3d_cascade_fullres"],"folds":[0,1],"whatever":{"x":1}}""");
        assertEquals("Task04_Hippocampus", run.dataset());
        assertTrue(run.evaluateEveryCheckpoint(false));
        assertEquals(1, run.stageOf("3d_cascade_fullres"));
        assertEquals(0, run.stageOf("3d_lowres"));
    }

    @Test
    void stagesMayBeStageObjects() {
        RunSettings run = parse("""
                {"dataset":"D1","stages":[{"stage":0,"configuration":"3d_lowres","folds":[0]},
                 {"stage":1,"configuration":"3d_cascade_fullres","folds":[0]}]}""");
        assertEquals(List.of("3d_lowres", "3d_cascade_fullres"), run.stages());
        assertEquals(1, run.stageOf("3d_cascade_fullres"));
    }

    @Test
    void eachStagesFoldSettingsAreRead() {
        RunSettings run = parse("""
                {"dataset":"D1","stages":[{"stage":0,"configuration":"3d_lowres","folds":[0]},
                 {"stage":1,"configuration":"3d_cascade_fullres","folds":[0],"settings":{"iterations":9,
                  "saveInterval":3,"logInterval":1,"keepCheckpoints":0,"seed":5,"precision":"bf16",
                  "recipe":{"learningRate":0.005,"polyPower":0.9,"momentum":0.99,"weightDecay":3e-5,
                  "gradientClipNorm":12,"batchDice":null},"postprocessing":false,"evaluateEveryCheckpoint":true}}]}""");
        assertTrue(run.settingsOf("3d_lowres").isEmpty(), "a stage without settings has none");
        var cascade = run.settingsOf("3d_cascade_fullres").orElseThrow();
        assertEquals(dev.segfold.contracts.spec.Precision.BF16, cascade.precision());
        assertFalse(cascade.postprocessing());
        assertTrue(cascade.evaluateEveryCheckpoint());
    }

    @Test
    void badStageSettingsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse("""
                {"dataset":"D1","stages":[{"configuration":"3d_fullres","settings":{"iterations":0}}]}"""));
        assertTrue(e.getMessage().contains("stages[0].settings"), e.getMessage());
    }

    @Test
    void fieldsNestedInSpecAreFound() {
        RunSettings run = parse("{\"spec\":{\"dataset\":\"D1\",\"evaluateEveryCheckpoint\":\"TRUE\"}}");
        assertEquals("D1", run.dataset());
        assertTrue(run.evaluateEveryCheckpoint(false));
    }

    @Test
    void absentOrUnreadableFlagFallsBackToTheDefault() {
        RunSettings absent = parse("{\"dataset\":\"D1\"}");
        assertNull(absent.evaluateEveryCheckpoint());
        assertFalse(absent.evaluateEveryCheckpoint(false));
        assertTrue(absent.evaluateEveryCheckpoint(true));
        assertFalse(parse("{\"dataset\":\"D1\",\"evaluateEveryCheckpoint\":7}").evaluateEveryCheckpoint(false));
        assertEquals(List.of(), absent.stages());
        assertEquals(1, absent.stageOf("3d_cascade_fullres"), "nnU-Net's convention without stages");
        assertEquals(0, absent.stageOf("3d_fullres"));
    }

    @Test
    void missingOrInvalidDatasetIsNamed() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> parse("{\"runId\":\"r1\"}"));
        assertTrue(missing.getMessage().contains("r1/run.json") && missing.getMessage().contains("dataset"),
                missing.getMessage());
        IllegalArgumentException escaping = assertThrows(IllegalArgumentException.class,
                () -> parse("{\"dataset\":\"../etc\"}"));
        assertTrue(escaping.getMessage().contains("dataset"), escaping.getMessage());
        assertThrows(IllegalArgumentException.class, () -> parse("[1,2]"));
        IllegalArgumentException notJson = assertThrows(IllegalArgumentException.class, () -> parse("{nope"));
        assertTrue(notJson.getMessage().startsWith("r1/run.json is not JSON"), notJson.getMessage());
    }
}
