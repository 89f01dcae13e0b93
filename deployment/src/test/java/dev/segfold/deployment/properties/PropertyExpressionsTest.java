package dev.segfold.deployment.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.deployment.properties.PropertyExpressions.Expression;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PropertyExpressionsTest {

    @Test
    void readsNestedDefaultsAndSkipsEscapes() {
        assertEquals(List.of(
                new Expression("SEGFOLD_WORK_DIR", Optional.of("${java.io.tmpdir}/segfold")),
                new Expression("quarkus.uuid", Optional.empty())),
                PropertyExpressions.parse("${SEGFOLD_WORK_DIR:${java.io.tmpdir}/segfold}/x-${quarkus.uuid} \\${literal}",
                        "k"));
        assertEquals(List.of(new Expression("A", Optional.of(""))), PropertyExpressions.parse("${A:}", "k"));
    }

    @Test
    void unresolvedFollowsDefaultsOnlyWhenTheNameIsMissing() {
        Set<String> provided = Set.of("java.io.tmpdir");
        assertEquals(List.of(), PropertyExpressions.unresolved("${SEGFOLD_WORK_DIR:${java.io.tmpdir}/s}",
                provided::contains, "k"));
        assertEquals(List.of("OTHER"), PropertyExpressions.unresolved("${SEGFOLD_WORK_DIR:${OTHER}}",
                provided::contains, "k"));
        assertEquals(List.of(), PropertyExpressions.unresolved("${OTHER}", Set.of("OTHER")::contains, "k"));
        assertEquals(List.of("A", "B"), PropertyExpressions.unresolved("${A}-${B}", n -> false, "k"));
    }

    @Test
    void namesTheKeyOfABrokenExpression() {
        IllegalArgumentException open = assertThrows(IllegalArgumentException.class,
                () -> PropertyExpressions.parse("${A:${B}", "app.properties: x"));
        assertTrue(open.getMessage().startsWith("app.properties: x: expression"), open.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PropertyExpressions.parse("${}", "k"));
    }
}
