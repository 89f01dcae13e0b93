package dev.segfold.client.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segfold.contracts.json.ContractJson;
import dev.segfold.contracts.spec.FieldNames;
import dev.segfold.contracts.spec.Precision;
import dev.segfold.contracts.spec.RunRequestJson;
import dev.segfold.contracts.spec.RunSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunRequestBodyTest {
    @TempDir
    Path dir;

    /** What the server makes of the body: the contracts' strict reader and validation. */
    private static RunSpec serverSpec(RunRequestBody body) {
        return RunRequestJson.read(body.json().getBytes()).orThrow("run request").validate(FieldNames.JSON)
                .orThrow("run request");
    }

    @Test
    void setReachesNestedFieldsAsTheServerReadsThem() {
        RunSpec spec = serverSpec(RunRequestBody.empty().flag("dataset", "D1")
                .setAll(List.of("recipe.learningRate=0.005", "recipe.momentum=0.95", "postprocessing=false",
                        "network.patch=[40,56,40]", "precision=bf16", "recipe.batchDice=true")));
        assertEquals(0.005, spec.recipe().learningRate());
        assertEquals(0.95, spec.recipe().momentum());
        assertEquals(Boolean.TRUE, spec.recipe().batchDice());
        assertFalse(spec.postprocessing());
        assertEquals(List.of(40, 56, 40), spec.network().patch());
        assertEquals(Precision.BF16, spec.precision());
    }

    @Test
    void layersWinInOrderSpecThenFlagsThenSet() throws IOException {
        Path file = Files.writeString(dir.resolve("run.json"), """
                {"dataset": "FromSpec", "iterations": 100, "recipe": {"learningRate": 0.02, "polyPower": 0.8},
                 "precision": "fp32"}
                """);
        RunRequestBody body = RunRequestBody.fromFile(file).flag("iterations", 40).flag("precision", null)
                .set("recipe.learningRate=0.005");
        RunSpec spec = serverSpec(body);
        assertEquals("FromSpec", spec.dataset());
        assertEquals(40, spec.iterations(), "a flag overrides the spec file");
        assertEquals(Precision.FP32, spec.precision(), "a flag that was not given leaves the spec's value");
        assertEquals(0.005, spec.recipe().learningRate(), "--set overrides the spec file");
        assertEquals(0.8, spec.recipe().polyPower(), "fields --set does not name stay");
    }

    @Test
    void textValuesStayText() {
        JsonNode tree = RunRequestBody.empty().set("configuration=3d_fullres").set("name=run 7").set("precision=bf16")
                .tree();
        assertEquals("3d_fullres", tree.get("configuration").asText());
        assertEquals("run 7", tree.get("name").asText());
        assertTrue(tree.get("precision").isTextual());
    }

    @Test
    void anUnknownFieldIsLeftForTheServerToName() {
        var e = assertThrows(IllegalArgumentException.class, () -> serverSpec(RunRequestBody.empty()
                .flag("dataset", "D1").set("recipe.learningRat=0.005")));
        assertTrue(e.getMessage().contains("recipe.learningRat"), e.getMessage());
    }

    @Test
    void malformedAssignmentsAreRefusedByName() {
        RunRequestBody body = RunRequestBody.empty();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> body.set("learningRate"))
                .getMessage().contains("PATH=VALUE"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> body.set("recipe..lr=1"))
                .getMessage().contains("not a field path"));
        body.set("iterations=5");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> body.set("iterations.x=1"))
                .getMessage().contains("iterations is already 5"));
    }

    @Test
    void aSpecFileMustBeAnObject() throws IOException {
        Path file = Files.writeString(dir.resolve("list.json"), "[1, 2]");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RunRequestBody.fromFile(file)).getMessage()
                .contains("one JSON object"));
    }

    @Test
    void effectiveSettingsNameEveryStageSetting() throws IOException {
        JsonNode answer = ContractJson.mapper().readTree("""
                {"runId":"r1","precision":{"requested":"auto","resolved":"fp32","reason":"fp32: no amx_bf16"},
                 "stagePlans":[{"stage":0,"configuration":"3d_fullres","folds":[0],"importedFolds":[],"iterations":40,
                   "settings":{"iterations":40,"saveInterval":20,"logInterval":5,"keepCheckpoints":2,"seed":7,
                     "precision":"fp32","recipe":{"learningRate":0.005,"polyPower":0.9,"momentum":0.99,
                     "weightDecay":3.0E-5,"gradientClipNorm":12.0,"batchDice":null},"postprocessing":false,
                     "evaluateEveryCheckpoint":false,"epochIterations":10,"validationBatches":3}}],
                 "unknownKeys":["model.dropout"],"warnings":[{"field":"batch_size","reason":"has no effect"}]}
                """);
        List<String> lines = EffectiveSettings.lines(answer);
        assertEquals("precision fp32 (requested auto; fp32: no amx_bf16)", lines.get(0));
        assertTrue(lines.get(1).startsWith("stage 0 3d_fullres: 40 iterations, fp32, lr 0.005"), lines.get(1));
        assertTrue(lines.get(1).contains("batch Dice as planned"), lines.get(1));
        assertTrue(lines.get(1).contains("postprocessing off"), lines.get(1));
        assertTrue(lines.get(1).contains("validate every 10 on 3 batches"), lines.get(1));
        assertEquals("unknown keys, not used: model.dropout", lines.get(2));
        assertEquals("warning: batch_size: has no effect", lines.get(3));
    }
    @Test
    void aTimeBudgetIsShownAsTheUserWroteIt() throws IOException {
        JsonNode answer = ContractJson.mapper().readTree("""
                {"stagePlans":[{"stage":0,"configuration":"3d_fullres","settings":{"iterations":0,"saveInterval":1000,
                  "logInterval":100,"keepCheckpoints":5,"seed":7,"precision":"fp32","recipe":{"learningRate":0.01,
                  "polyPower":0.9,"momentum":0.99,"weightDecay":3.0E-5,"gradientClipNorm":12.0,"batchDice":null},
                  "postprocessing":true,"evaluateEveryCheckpoint":false,"timeBudget":720.0,"fitNetworkToBudget":true}}]}
                """);
        String line = EffectiveSettings.lines(answer).get(0);
        assertTrue(line.startsWith("stage 0 3d_fullres: iterations fitted to 12m of training by each trainer (with the "
                + "network width and batch it chooses for the budget)"), line);
    }

}
