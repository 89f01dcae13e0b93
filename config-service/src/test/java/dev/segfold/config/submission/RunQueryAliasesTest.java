package dev.segfold.config.submission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.contracts.spec.InvalidSpecException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunQueryAliasesTest {
    @Test
    void importAliasIsResolvedAndMayNotBeGivenTwice() {
        assertEquals(Map.of("importedFolds", List.of("2")), RunQueryAliases.resolve(Map.of("import", List.of("2"))));
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> RunQueryAliases.resolve(
                new java.util.LinkedHashMap<>(Map.of("importedFolds", List.of("2"), "import", List.of("2")))));
        assertTrue(e.problems().get(0).reason().contains("only one"));
    }
}
