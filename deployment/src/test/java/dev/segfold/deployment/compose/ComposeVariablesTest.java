package dev.segfold.deployment.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.deployment.compose.ComposeVariables.Reference;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ComposeVariablesTest {

    @Test
    void readsEveryFormAndSkipsShellVariables() {
        assertEquals(List.of(
                new Reference("A", "", ""),
                new Reference("B", ":-", "x"),
                new Reference("C", "-", ""),
                new Reference("D", ":?", "set D in .env"),
                new Reference("E", "?", "e"),
                new Reference("F", ":+", "alt")),
                ComposeVariables.references("$A ${B:-x} ${C-} ${D:?set D in .env} ${E?e} ${F:+alt} $${SHELL} $$HOME"));
    }

    @Test
    void tellsRequiredVariablesAndDefaults() {
        Reference required = ComposeVariables.references("${USER:?missing}").get(0);
        assertTrue(required.required());
        assertEquals(Optional.empty(), required.defaultValue());
        Reference defaulted = ComposeVariables.references("${USER:-minio}").get(0);
        assertFalse(defaulted.required());
        assertEquals(Optional.of("minio"), defaulted.defaultValue());
    }

    @Test
    void aWholeValueReferenceIsOneVariableAndNothingElse() {
        assertEquals(Optional.of(new Reference("KEY", ":?", "set it")),
                ComposeVariables.wholeValueReference(" ${KEY:?set it} "));
        assertEquals(Optional.of(new Reference("KEY", "", "")), ComposeVariables.wholeValueReference("$KEY"));
        assertEquals(Optional.empty(), ComposeVariables.wholeValueReference("prefix-${KEY}"));
        assertEquals(Optional.empty(), ComposeVariables.wholeValueReference("minioadmin"));
        assertEquals(Optional.empty(), ComposeVariables.wholeValueReference("$$KEY"));
    }
}
