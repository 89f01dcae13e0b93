package dev.segfold.contracts.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RunRequestJsonTest {

    private static Map<String, String> problems(String json) {
        Validated<RunRequest> read = RunRequestJson.read(json);
        assertTrue(!read.isValid(), "expected problems for " + json);
        return read.problems().stream().collect(Collectors.toMap(SpecProblem::field, SpecProblem::reason));
    }

    @Test
    void aWellFormedBodyReadsAsTheLenientReaderDoes() {
        String json = """
                {"dataset": "Task04_Hippocampus", "folds": [0, 1], "importedFolds": "2",
                 "network": {"patch": [40, 56, 40]}, "recipe": {"momentum": 0.95}, "seed": 7, "postprocessing": false}
                """;
        RunRequest strict = RunRequestJson.read(json).orThrow("body");
        assertEquals(dev.segfold.contracts.json.ContractJson.read(json, RunRequest.class), strict);
        assertEquals(List.of(2), strict.toSpec().importedFolds());
    }

    @Test
    void unknownFieldsAndWrongTypesAreAllProblems() {
        Map<String, String> problems = problems("""
                {"dataset": 5, "iteration": 100, "iterations": 1.5, "batchSize": "2", "postprocessing": "yes",
                 "network": {"patch": [40, "x", 2.5], "depth": 3}, "recipe": {"momentum": "high"}, "seed": 99999999999999999999}
                """);
        assertEquals(Set.of("dataset", "iteration", "iterations", "batchSize", "postprocessing", "network.patch[1]",
                "network.patch[2]", "network.depth", "recipe.momentum", "seed"), problems.keySet());
        assertTrue(problems.get("iteration").contains("not a run request field"));
        assertTrue(problems.get("iterations").contains("must be an integer"));
    }

    @Test
    void notAnObjectOrNotJsonIsOneDocumentProblem() {
        assertEquals(Set.of(""), problems("[1, 2]").keySet());
        assertEquals(Set.of(""), problems("{\"dataset\": ").keySet());
        assertEquals(Set.of(""), problems("").keySet());
    }
}
