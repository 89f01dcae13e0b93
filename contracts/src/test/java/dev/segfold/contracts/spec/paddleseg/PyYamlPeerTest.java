package dev.segfold.contracts.spec.paddleseg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segfold.contracts.json.ContractJson;
import dev.segfold.contracts.spec.Configuration;
import dev.segfold.contracts.spec.RunRequest;
import dev.segfold.contracts.spec.RunSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PaddleSeg reads its configs with PyYAML: what Segfold writes must load there to the same tree as
 * here. Skips where Debian's python3 with PyYAML is absent.
 */
class PyYamlPeerTest {

    private static final String PYTHON = "/usr/bin/python3";

    @TempDir
    Path dir;

    @BeforeAll
    static void pyYamlPresent() throws Exception {
        assumeTrue(Files.isExecutable(Path.of(PYTHON)), PYTHON + " is absent; skipping the PyYAML comparison");
        Process p = new ProcessBuilder(PYTHON, "-c", "import yaml").redirectErrorStream(true).start();
        assumeTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0,
                "PyYAML is not installed for " + PYTHON + "; skipping the PyYAML comparison");
    }

    private JsonNode pyYaml(String yaml) throws IOException, InterruptedException {
        Path file = dir.resolve("config.yml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        Process p = new ProcessBuilder(PYTHON, "-c",
                "import json, sys, yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1], encoding='utf-8'))))",
                file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("PyYAML failed: " + out);
        }
        return ContractJson.mapper().readTree(out);
    }

    private static JsonNode snakeYaml(String yaml) {
        return ContractJson.mapper().valueToTree(SafeYaml.load(yaml, "config.yml"));
    }

    @Test
    void perFoldConfigsLoadTheSameInPyYaml() throws Exception {
        String fold4 = FoldConfigWriter.forFold(PaddleSegConfig.parse(SeedYaml.NAME, SeedYaml.text()), 4);
        JsonNode py = pyYaml(fold4);
        assertEquals(snakeYaml(fold4), py);
        assertEquals(4, py.get("train_dataset").get("fold").intValue());
        assertEquals(4, py.get("val_dataset").get("fold").intValue());
    }

    @Test
    void generatedConfigsLoadTheSameInPyYaml() throws Exception {
        RunSpec spec = RunRequest.builder().dataset("Task04_Hippocampus").configuration("3d_cascade_fullres").build()
                .toSpec();
        String yaml = FoldConfigWriter.generate(spec, Configuration.LOWRES_3D, 2, 0, "run-1");
        JsonNode py = pyYaml(yaml);
        assertEquals(snakeYaml(yaml), py);
        assertEquals(3e-5, py.get("optimizer").get("weight_decay").doubleValue(), "a float in PyYAML, not a string");
    }
}
