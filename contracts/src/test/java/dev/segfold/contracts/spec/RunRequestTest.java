package dev.segfold.contracts.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.contracts.json.ContractJson;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RunRequestTest {

    private static RunRequest.Builder hippocampus() {
        return RunRequest.builder().dataset("Task04_Hippocampus");
    }

    private static Map<String, String> problemsByField(Validated<?> result) {
        return result.problems().stream().collect(Collectors.toMap(SpecProblem::field, SpecProblem::reason));
    }

    @Test
    void onlyDatasetGivesTheDocumentedDefaults() {
        RunSpec spec = hippocampus().build().toSpec();
        assertEquals("Task04_Hippocampus-3d_fullres", spec.name());
        assertEquals(Configuration.FULLRES_3D, spec.configuration());
        assertEquals(List.of(0, 1, 2, 3, 4), spec.folds());
        assertEquals(List.of(), spec.importedFolds());
        assertEquals(SpecDefaults.FULLRES_ITERATIONS, spec.iterations());
        assertEquals(List.of(), spec.cascadeFolds());
        assertEquals(0, spec.cascadeIterations());
        assertNull(spec.batchSize());
        assertEquals(SpecDefaults.SAVE_INTERVAL, spec.saveInterval());
        assertEquals(SpecDefaults.LOG_INTERVAL, spec.logInterval());
        assertEquals(SpecDefaults.KEEP_CHECKPOINTS, spec.keepCheckpoints());
        assertEquals(SpecDefaults.SEED, spec.seed());
        assertEquals(Precision.AUTO, spec.precision());
        assertTrue(spec.network().isEmpty());
        assertEquals(TrainingRecipe.DEFAULT, spec.recipe());
        assertTrue(spec.postprocessing());
        assertFalse(spec.evaluateEveryCheckpoint());
        assertEquals(1, spec.stages().size());
        assertFalse(spec.cascade());
    }

    @Test
    void defaultIterationsFollowTheConfigurationOfEachStage() {
        assertEquals(50_000, hippocampus().configuration("3d_lowres").build().toSpec().iterations());
        RunSpec cascade = hippocampus().configuration("3d_cascade_fullres").build().toSpec();
        assertTrue(cascade.cascade());
        assertEquals(Configuration.LOWRES_3D, cascade.stage0Configuration());
        List<StageSpec> stages = cascade.stages();
        assertEquals(new StageSpec(0, Configuration.LOWRES_3D, List.of(0, 1, 2, 3, 4), List.of(), 50_000), stages.get(0));
        assertEquals(new StageSpec(1, Configuration.CASCADE_FULLRES_3D, List.of(0, 1, 2, 3, 4), List.of(), 100_000),
                stages.get(1));
    }

    @Test
    void defaultFoldsAreThoseNotImported() {
        RunSpec spec = hippocampus().importedFolds(FoldSelection.of(2)).build().toSpec();
        assertEquals(List.of(0, 1, 3, 4), spec.folds());
        assertEquals(List.of(2), spec.importedFolds());
    }

    @Test
    void theSeedWorkflowIsACascadeWithFoldTwoImported() {
        RunSpec spec = hippocampus().configuration("3d_cascade_fullres").folds(FoldSelection.of(4, 0, 3, 1))
                .importedFolds(FoldSelection.of(2)).iterations(30_000).saveInterval(2000).logInterval(20)
                .precision("bf16").build().toSpec();
        assertEquals(List.of(0, 1, 3, 4), spec.folds(), "folds are kept ascending");
        assertEquals(30_000, spec.stages().get(0).iterations());
        assertEquals(Precision.BF16, spec.precision());
    }

    @Test
    void aCascadeWhoseStage0FoldsCannotCoverEveryCaseNamesTheMissingFolds() {
        Validated<RunSpec> result = hippocampus().configuration("3d_cascade_fullres").folds(FoldSelection.of(0, 1))
                .importedFolds(FoldSelection.of(3)).build().validate(FieldNames.JSON);
        assertFalse(result.isValid());
        String reason = problemsByField(result).get("folds");
        assertTrue(reason.contains("missing folds 2, 4"), reason);
        InvalidSpecException e = assertThrows(InvalidSpecException.class,
                () -> hippocampus().configuration("3d_cascade_fullres").folds(FoldSelection.of(0, 1))
                        .importedFolds(FoldSelection.of(3)).build().toSpec());
        assertEquals(result.problems(), e.problems());
        assertTrue(e.getMessage().contains("missing folds 2, 4"), e.getMessage());
    }

    @Test
    void aTimeBudgetLeavesTheIterationsToTheTrainerAndExcludesACount() {
        RunSpec spec = RunRequest.builder().dataset("D").timeBudget("12m").build().toSpec();
        assertEquals(java.time.Duration.ofMinutes(12), spec.timeBudget());
        assertEquals(0, spec.iterations());
        FoldSettings settings = spec.withPrecision(Precision.FP32).foldSettings(spec.stages().get(0));
        assertTrue(settings.budgeted());
        assertEquals(0, settings.iterations());
        RunSpec cascade = RunRequest.builder().dataset("D").configuration("3d_cascade_fullres").timeBudget("PT1H30M")
                .build().toSpec();
        assertEquals(0, cascade.cascadeIterations());
        assertEquals(java.time.Duration.ofMinutes(90), cascade.timeBudget());

        Map<String, String> both = problemsByField(RunRequest.builder().dataset("D").timeBudget("30m").iterations(100)
                .build().validate(FieldNames.JSON));
        assertTrue(both.get("iterations").contains("give one"), both.toString());
        Map<String, String> bad = problemsByField(RunRequest.builder().dataset("D").timeBudget("half an hour").build()
                .validate(FieldNames.JSON));
        assertTrue(bad.get("timeBudget").contains("30m, 1h30m"), bad.toString());
        Map<String, String> tiny = problemsByField(RunRequest.builder().dataset("D").timeBudget("2s").build()
                .validate(FieldNames.JSON));
        assertTrue(tiny.get("timeBudget").contains("between 10s and"), tiny.toString());
    }

    @Test
    void timeBudgetsAreWrittenAsPeopleDo() {
        assertEquals(java.time.Duration.ofMinutes(90), TimeBudgets.parse("1h30m"));
        assertEquals(java.time.Duration.ofSeconds(95), TimeBudgets.parse("95s"));
        assertEquals(java.time.Duration.ofHours(2), TimeBudgets.parse("2H"));
        assertEquals(java.time.Duration.ofMinutes(12), TimeBudgets.parse("PT12M"));
        assertEquals("1h30m", TimeBudgets.format(java.time.Duration.ofMinutes(90)));
        assertEquals("12m", TimeBudgets.format(java.time.Duration.ofMinutes(12)));
        assertEquals("45s", TimeBudgets.format(java.time.Duration.ofSeconds(45)));
    }

    @Test
    void validationDuringTrainingDefaultsToNnUNetsEpochAndCanBeTurnedOff() {
        RunSpec spec = RunRequest.builder().dataset("D").build().toSpec();
        assertEquals(250, spec.epochIterations());
        assertEquals(50, spec.validationBatches());
        RunSpec small = RunRequest.builder().dataset("D").epochIterations(10).validationBatches(2).build().toSpec();
        assertEquals(10, small.epochIterations());
        assertEquals(2, small.validationBatches());
        RunSpec off = RunRequest.builder().dataset("D").validationBatches(0).build().toSpec();
        assertEquals(0, off.validationBatches());
        Map<String, String> both = problemsByField(RunRequest.builder().dataset("D").epochIterations(10)
                .validationBatches(0).build().validate(FieldNames.JSON));
        assertTrue(both.get("epochIterations").contains("validationBatches is 0"), both.toString());
    }

    @Test
    void everyProblemIsCollectedWithItsFieldPath() {
        RunRequest request = new RunRequest("bad/name", null, "2d", FoldSelection.parse("0,7,x,0"),
                FoldSelection.of(2), FoldSelection.of(1), -5, 10, 0, 0, -1, -2, null, "fp16",
                new NetworkOverrides(0, 99, List.of(40, -1)), new RecipeRequest(-0.1, 0.0, 1.0, -1.0, -2.0, null),
                null, null, null, 0, -1);
        Map<String, String> problems = problemsByField(request.validate(FieldNames.JSON));
        assertEquals(Set.of("name", "dataset", "configuration", "folds[1]", "folds[2]", "folds[3]", "iterations",
                "batchSize", "saveInterval", "logInterval", "keepCheckpoints", "precision", "network.baseFeatures",
                "epochIterations", "validationBatches",
                "network.maxPools", "network.patch", "recipe.learningRate", "recipe.polyPower", "recipe.momentum",
                "recipe.weightDecay", "recipe.gradientClipNorm"), problems.keySet());
        assertTrue(problems.get("folds[1]").contains("fold 7 is outside 0..4"));
        assertTrue(problems.get("folds[2]").contains("\"x\" is not a fold"));
        assertTrue(problems.get("folds[3]").contains("listed twice"));
        assertTrue(problems.get("dataset").contains("missing"));
        assertTrue(problems.get("name").contains("path separator"));
        assertTrue(problems.get("precision").contains("bf16"));
        assertTrue(problems.get("iterations").contains("-5"));
    }

    @Test
    void aFoldBothTrainedAndImportedIsRefusedAtItsPlaceInTheImportList() {
        Map<String, String> problems = problemsByField(hippocampus().folds(FoldSelection.of(0, 1, 2))
                .importedFolds(FoldSelection.of(4, 2)).build().validate(FieldNames.JSON));
        assertEquals(Set.of("importedFolds[1]"), problems.keySet());
        assertTrue(problems.get("importedFolds[1]").contains("fold 2 is both trained and imported"));
    }

    @Test
    void cascadeSettingsOnASingleStageRunAreProblems() {
        Map<String, String> problems = problemsByField(hippocampus().cascadeFolds(FoldSelection.of(0))
                .cascadeIterations(10).build().validate(FieldNames.JSON));
        assertEquals(Set.of("cascadeFolds", "cascadeIterations"), problems.keySet());
    }

    @Test
    void nothingToTrainOrImportIsAProblem() {
        Map<String, String> problems = problemsByField(hippocampus().folds(FoldSelection.parse(""))
                .build().validate(FieldNames.JSON));
        assertEquals(Set.of("folds"), problems.keySet());
    }

    @Test
    void renamedFieldsReportTheUsersOwnNames() {
        FieldNames names = FieldNames.renaming(Map.of("iterations", "iters", "folds[0]", "train_dataset.fold",
                "recipe", "optimizer"));
        Map<String, String> problems = problemsByField(hippocampus().iterations(0).folds(FoldSelection.of(7))
                .recipe(new RecipeRequest(null, null, 2.0, null, null, null)).build().validate(names));
        assertEquals(Set.of("iters", "train_dataset.fold", "optimizer.momentum"), problems.keySet());
    }

    @Test
    void jsonBodyAcceptsAllOrAListAndTheSpecRoundTrips() {
        String body = """
                {"dataset": "Task04_Hippocampus", "configuration": "3d_cascade_fullres", "folds": "all",
                 "cascadeFolds": [0, "1"], "network": {"baseFeatures": 16, "patch": [40, 56, 40]},
                 "recipe": {"batchDice": true}, "precision": "bf16", "iterations": 200}
                """;
        RunRequest request = ContractJson.read(body, RunRequest.class);
        assertTrue(request.folds().all());
        RunSpec spec = request.toSpec();
        assertEquals(List.of(0, 1, 2, 3, 4), spec.folds());
        assertEquals(List.of(0, 1), spec.cascadeFolds());
        assertEquals(new NetworkOverrides(16, null, List.of(40, 56, 40)), spec.network());
        assertEquals(Boolean.TRUE, spec.recipe().batchDice());

        RunSpec back = ContractJson.read(ContractJson.writeString(spec), RunSpec.class);
        assertEquals(spec, back);
        String json = ContractJson.writeString(spec);
        assertTrue(json.contains("\"configuration\":\"3d_cascade_fullres\""), json);
        assertTrue(json.contains("\"precision\":\"bf16\""), json);

        RunRequest again = ContractJson.read(ContractJson.writeString(request), RunRequest.class);
        assertEquals(request, again);
    }

    @Test
    void wrongFoldTypesInJsonAreNamedByIndex() {
        RunRequest request = ContractJson.read("{\"dataset\": \"D\", \"folds\": [0, 1.5, true, {\"a\": 1}]}",
                RunRequest.class);
        Map<String, String> problems = problemsByField(request.validate(FieldNames.JSON));
        assertEquals(Set.of("folds[1]", "folds[2]", "folds[3]"), problems.keySet());
    }

    @Test
    void queryParametersBecomeARequest() {
        Validated<RunRequest> read = RunQuery.read(Map.of("dataset", List.of("Task04_Hippocampus"),
                "folds", List.of("0,1,3,4"), "importedFolds", List.of("2"), "configuration", List.of("3d_cascade_fullres"),
                "patch", List.of("40,56,40"), "postprocessing", List.of("false"), "seed", List.of("7")));
        RunSpec spec = read.orThrow("query").toSpec();
        assertEquals(List.of(0, 1, 3, 4), spec.folds());
        assertEquals(List.of(2), spec.importedFolds());
        assertEquals(List.of(40, 56, 40), spec.network().patch());
        assertFalse(spec.postprocessing());
        assertEquals(7, spec.seed());
    }

    @Test
    void badQueryParametersAreAllNamed() {
        Validated<RunRequest> read = RunQuery.read(Map.of("dataset", List.of("A", "B"), "iterations", List.of("abc"),
                "colour", List.of("red"), "patch", List.of("1,x,3"), "postprocessing", List.of("yes")));
        assertEquals(Set.of("dataset", "iterations", "colour", "patch[1]", "postprocessing"),
                problemsByField(read).keySet());
    }

    @Test
    void specConstructorKeepsItsInvariants() {
        RunSpec ok = hippocampus().build().toSpec();
        assertThrows(IllegalArgumentException.class, () -> new RunSpec(ok.name(), ok.dataset(),
                Configuration.CASCADE_FULLRES_3D, List.of(0, 1), List.of(), 10, List.of(0), 10, null, 1, 1, 0, 1,
                Precision.FP32, null, TrainingRecipe.DEFAULT, true, false));
        assertThrows(IllegalArgumentException.class, () -> new RunSpec(ok.name(), ok.dataset(),
                Configuration.FULLRES_3D, List.of(0, 1), List.of(1), 10, List.of(), 0, null, 1, 1, 0, 1,
                Precision.FP32, null, TrainingRecipe.DEFAULT, true, false));
    }
}
