package dev.segfold.contracts.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FoldSettingsTest {

    @Test
    void eachStageOfACascadeGetsItsIterationsAndTheRunsEverythingElse() {
        RunSpec spec = RunRequest.builder().dataset("D").configuration("3d_cascade_fullres").iterations(11)
                .cascadeIterations(22).keepCheckpoints(0).seed(9L).precision("bf16")
                .recipe(new RecipeRequest(0.005, null, null, null, null, true)).postprocessing(false).build().toSpec();
        List<StageSpec> stages = spec.stages();
        FoldSettings lowres = spec.foldSettings(stages.get(0));
        FoldSettings cascade = spec.foldSettings(stages.get(1));
        assertEquals(11, lowres.iterations());
        assertEquals(22, cascade.iterations());
        assertEquals(lowres.withIterations(22), cascade);
        assertEquals(Precision.BF16, cascade.precision());
        assertEquals(0.005, cascade.recipe().learningRate());
        assertEquals(Boolean.TRUE, cascade.recipe().batchDice());
        assertEquals(0, cascade.keepCheckpoints());
        assertEquals(9L, cascade.seed());
        assertEquals(false, cascade.postprocessing());
    }

    @Test
    void autoMustBeDecidedBeforeAFoldSeesIt() {
        RunSpec spec = RunRequest.builder().dataset("D").build().toSpec();
        assertEquals(Precision.AUTO, spec.precision());
        assertThrows(IllegalStateException.class, () -> spec.foldSettings(spec.stages().get(0)));
        assertEquals(Precision.FP32, spec.withPrecision(Precision.FP32).foldSettings(spec.stages().get(0)).precision());
        assertThrows(IllegalArgumentException.class, () -> spec.withPrecision(Precision.AUTO));
        var e = assertThrows(IllegalArgumentException.class, () -> new FoldSettings(10, 5, 5, 1, 1L, Precision.AUTO,
                TrainingRecipe.DEFAULT, true, false));
        assertTrue(e.getMessage().contains("auto"), e.getMessage());
    }

    @Test
    void aBudgetLeavesTheNetworkToTheTrainerOnlyWhereTheRequestLeftWidthAndBatchOpen() {
        RunSpec open = RunRequest.builder().dataset("D").timeBudget("12m").precision("fp32").build().toSpec();
        assertTrue(open.foldSettings(open.stages().get(0)).fitNetworkToBudget());
        RunSpec base = RunRequest.builder().dataset("D").timeBudget("12m").precision("fp32")
                .network(new NetworkOverrides(16, null, null)).build().toSpec();
        assertEquals(false, base.foldSettings(base.stages().get(0)).fitNetworkToBudget(), "baseFeatures set");
        RunSpec batch = RunRequest.builder().dataset("D").timeBudget("12m").precision("fp32").batchSize(4).build()
                .toSpec();
        assertEquals(false, batch.foldSettings(batch.stages().get(0)).fitNetworkToBudget(), "batchSize set");
        RunSpec counted = RunRequest.builder().dataset("D").iterations(100).precision("fp32").build().toSpec();
        assertEquals(false, counted.foldSettings(counted.stages().get(0)).fitNetworkToBudget(), "no budget");
        FoldSettings fitted = open.foldSettings(open.stages().get(0));
        assertTrue(fitted.withIterations(5).fitNetworkToBudget() && fitted.withValidation(10, 2).fitNetworkToBudget(),
                "kept by the withers");
        var e = assertThrows(IllegalArgumentException.class, () -> new FoldSettings(10, 5, 5, 1, 1L, Precision.FP32,
                TrainingRecipe.DEFAULT, true, false, null, 250, 50, true));
        assertTrue(e.getMessage().contains("fitNetworkToBudget needs a timeBudget"), e.getMessage());
    }

    @Test
    void countsAreChecked() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FoldSettings.of(0, 1, 1, 1, 1L)).getMessage()
                .contains("iterations"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FoldSettings.of(1, 1, 1, -1, 1L)).getMessage()
                .contains("keepCheckpoints"));
    }
}
