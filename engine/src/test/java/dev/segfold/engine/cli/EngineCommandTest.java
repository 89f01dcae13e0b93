package dev.segfold.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.engine.plan.PlansJson;
import dev.segfold.engine.split.SplitFile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line runs the same workflow code a test would: generate, plan, preprocess; help and bad input. */
class EngineCommandTest {
    @TempDir
    Path tmp;

    @Test
    void generatePlanAndPreprocessFromTheCommandLine() {
        Path data = tmp.resolve("data");
        Path work = tmp.resolve("work");
        assertEquals(0, EngineCommand.execute("generate", "-o", data.toString(), "--cases", "6", "--test-cases", "1"));
        assertTrue(Files.isRegularFile(data.resolve("dataset.json")));
        assertEquals(0, EngineCommand.execute("plan", "-d", data.toString(), "-w", work.toString(), "--base", "8",
                "--batch", "2"));
        assertEquals(8, PlansJson.read(work.resolve("plans.json")).baseNumFeatures(), "the --base override is planned");
        assertEquals(5, SplitFile.read(work.resolve("splits.json")).numFolds());
        assertEquals(0, EngineCommand.execute("preprocess", "-d", data.toString(), "-w", work.toString()));
        try (var files = Files.walk(work.resolve("cache"))) {
            assertEquals(6, files.filter(p -> p.toString().endsWith(".json")).count(), "one cached case per training case");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        // train validates during training on the fold's validation cases, as run does
        assertEquals(0, EngineCommand.execute("train", "-d", data.toString(), "-w", work.toString(), "-f", "0",
                "--iterations", "4", "--save-interval", "2", "--log-iters", "2", "--epoch-iterations", "2",
                "--validation-batches", "1", "--threads", "1"));
        try (var files = Files.walk(work)) {
            assertTrue(files.anyMatch(p -> p.getFileName().toString().equals("validation.json")),
                    "a best checkpoint with its validation was written");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void everyVerbHasHelpAndABadOptionIsAUsageError() {
        for (String verb : new String[] {"generate", "plan", "preprocess", "train", "evaluate", "predict", "ensemble", "run"}) {
            assertEquals(0, EngineCommand.execute(verb, "--help"), verb + " --help");
        }
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured));
        try {
            assertEquals(2, EngineCommand.execute("train", "--fold", "x"));
        } finally {
            System.setErr(err);
        }
        assertTrue(captured.toString().contains("--fold"), captured.toString());
    }

    @Test
    void aMissingDataSetIsAnErrorNamingIt() {
        assertEquals(1, EngineCommand.execute("plan", "-d", tmp.resolve("nowhere").toString(), "-w",
                tmp.resolve("w").toString()));
    }
}
