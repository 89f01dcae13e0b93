package dev.segfold.config.submission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.contracts.spec.InvalidSpecException;
import dev.segfold.contracts.spec.RunRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonRunRequestsTest {
    private static RunRequest read(String json) {
        return JsonRunRequests.request(JsonRunRequests.tree(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsAKnownRequest() {
        RunRequest r = read("{\"dataset\": \"Task04_Hippocampus\", \"folds\": [0, 1], \"iterations\": 10,"
                + " \"network\": {\"baseFeatures\": 4}}");
        assertEquals("Task04_Hippocampus", r.dataset());
        assertEquals(10, r.iterations());
        assertEquals(4, r.network().baseFeatures());
    }

    @Test
    void unknownFieldsAlsoNestedOnesAreNamed() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class,
                () -> read("{\"dataset\": \"x\", \"iteratons\": 5, \"network\": {\"basefeatures\": 4}}"));
        assertEquals(List.of("iteratons", "network.basefeatures"), e.problems().stream().map(p -> p.field()).toList());
    }

    @Test
    void malformedJsonWrongTypesAndNonObjectsNameTheirPlace() {
        InvalidSpecException malformed = assertThrows(InvalidSpecException.class, () -> read("{\"dataset\": "));
        assertEquals("body", malformed.problems().get(0).field());
        assertTrue(malformed.problems().get(0).reason().contains("malformed JSON"));
        InvalidSpecException type = assertThrows(InvalidSpecException.class, () -> read("{\"iterations\": \"many\"}"));
        assertEquals("iterations", type.problems().get(0).field());
        InvalidSpecException list = assertThrows(InvalidSpecException.class, () -> read("[1, 2]"));
        assertEquals("body", list.problems().get(0).field());
    }

    @Test
    void importAliasIsResolvedAndMayNotBeGivenTwice() {
        assertEquals(Map.of("importedFolds", List.of("2")), RunQueryAliases.resolve(Map.of("import", List.of("2"))));
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> RunQueryAliases.resolve(
                new java.util.LinkedHashMap<>(Map.of("importedFolds", List.of("2"), "import", List.of("2")))));
        assertTrue(e.problems().get(0).reason().contains("only one"));
    }
}
