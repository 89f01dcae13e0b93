package dev.segfold.engine.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segfold.engine.image.Volume;
import dev.segfold.engine.testsupport.PythonPeer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryJsonTest {
    @TempDir
    Path dir;

    static Volume labels(int... values) {
        return MetricTest.labels(values);
    }

    /** Three cases over labels 0..2; label 2 is absent from both masks in case b (Dice NaN). */
    static EvaluationSummary threeCases() {
        Evaluator ev = new Evaluator(Evaluator.labelsUpTo(2));
        List<CaseEvaluation> cases = new ArrayList<>();
        cases.add(ev.evaluate(labels(0, 1, 1, 2, 2, 0), labels(0, 1, 0, 2, 2, 2), "pred/a.nii.gz", "gt/a.nii.gz"));
        cases.add(ev.evaluate(labels(1, 1, 0, 0, 0, 0), labels(1, 1, 1, 1, 0, 0), "pred/b.nii.gz", "gt/b.nii.gz"));
        cases.add(ev.evaluate(labels(0, 0, 2, 0, 0, 1), labels(0, 0, 0, 0, 0, 1), "pred/c.nii.gz", "gt/c.nii.gz"));
        return EvaluationSummary.of(cases);
    }

    @Test
    void meansIgnoreNaNAndForegroundMeanAveragesLabelsAboveZero() {
        EvaluationSummary s = threeCases();
        // label 1: a 2*1/(2+1+0)=2/3, b 2*2/(4+0+2)=2/3, c 1
        assertEquals((2.0 / 3 + 2.0 / 3 + 1) / 3, s.meanDice(1), 1e-12);
        // label 2: a 2*2/(4+0+1)=0.8, b NaN (both empty), c 0 (reference empty)
        assertTrue(Double.isNaN(s.all().get(1).dice(2)));
        assertEquals(0.0, s.all().get(2).dice(2));
        assertEquals(0.4, s.meanDice(2), 1e-12);
        assertEquals((s.meanDice(1) + s.meanDice(2)) / 2, s.foregroundMeanDice(), 1e-12);
        assertEquals(List.of(1, 2), s.foregroundLabels());
    }

    @Test
    void writesNnUNetsLayoutAndReadsItBack() throws Exception {
        EvaluationSummary s = threeCases();
        Path file = dir.resolve("validation_raw/summary.json");
        SummaryJson.write(file, s, new SummaryHeader("fold0", "test run", "Task04_Hippocampus", "Segfold",
                "2024-05-01 10:00:00.000000"));
        JsonNode root = NnUNetJson.read(file);
        List<String> top = new ArrayList<>();
        root.fieldNames().forEachRemaining(top::add);
        assertEquals(List.of("author", "description", "id", "name", "results", "task", "timestamp"), top,
                "nnU-Net's top-level keys, sorted");
        assertEquals(12, root.get("id").asText().length());
        JsonNode first = root.get("results").get("all").get(0);
        assertEquals("pred/a.nii.gz", first.get("test").asText());
        assertEquals("gt/a.nii.gz", first.get("reference").asText());
        assertTrue(first.get("1").get("Total Positives Test").isIntegralNumber(), "counts are integers per case");
        List<String> metricKeys = new ArrayList<>();
        first.get("1").fieldNames().forEachRemaining(metricKeys::add);
        List<String> sorted = new ArrayList<>(metricKeys);
        java.util.Collections.sort(sorted);
        assertEquals(sorted, metricKeys);
        assertEquals(13, metricKeys.size());
        assertTrue(Double.isNaN(root.get("results").get("all").get(1).get("2").get("Dice").doubleValue()));
        String text = Files.readString(file);
        assertTrue(text.contains("\"Dice\": NaN"), "NaN written bare as Python's json does");
        assertTrue(text.contains("\n    \"author\": \"Segfold\""), "indent 4, \": \" separator");

        EvaluationSummary back = SummaryJson.read(file);
        assertEquals(s.all().size(), back.all().size());
        assertEquals(s.meanDice(1), back.meanDice(1));
        assertEquals(s.meanDice(2), back.meanDice(2));
        assertEquals("pred/c.nii.gz", back.all().get(2).test());
        assertTrue(Double.isNaN(back.all().get(1).dice(2)));
        assertEquals(s.all().get(0).perLabel(), back.all().get(0).perLabel());
    }

    @Test
    void foregroundMeanEntryIsOptionalAndIgnoredOnRead() {
        EvaluationSummary s = threeCases();
        String text = SummaryJson.toText(s, SummaryHeader.now("Task04_Hippocampus", "Segfold"), true);
        JsonNode mean = NnUNetJson.parse(text).get("results").get("mean");
        assertEquals(s.foregroundMeanDice(), mean.get("mean").get("Dice").doubleValue(), 1e-15);
        EvaluationSummary back = SummaryJson.parse(text);
        assertEquals(List.of("0", "1", "2"), List.copyOf(back.mean().keySet()));
        JsonNode plain = NnUNetJson.parse(SummaryJson.toText(s, SummaryHeader.now("T", "A"), false));
        assertFalse(plain.get("results").get("mean").has("mean"));
    }

    @Test
    void pythonReadsItAndRewritesTheSameText() throws Exception {
        PythonPeer.assumeModules("json", "numpy");
        EvaluationSummary s = threeCases();
        Path file = dir.resolve("summary.json");
        SummaryJson.write(file, s, new SummaryHeader("", "", "Task04_Hippocampus", "Segfold", "2024-05-01 10:00:00.000000"));
        String out = PythonPeer.run("""
                import json, numpy as np
                with open(%s) as f:
                    d = json.load(f)
                r = d['results']
                fg = [k for k in r['mean'] if k != '0']
                print(json.dumps(d, sort_keys=True, indent=4))
                print('#', repr(float(np.nanmean([r['mean'][k]['Dice'] for k in fg]))))
                print('#', repr(float(np.nanmean([c['2']['Dice'] for c in r['all']]))))
                """.formatted(pythonString(file.toString())));
        String[] parts = out.split("\n# ");
        assertEquals(Files.readString(file), parts[0], "Python's json.dumps(sort_keys=True, indent=4) of the loaded file");
        assertEquals(s.foregroundMeanDice(), Double.parseDouble(parts[1].strip()), 1e-15);
        assertEquals(s.meanDice(2), Double.parseDouble(parts[2].strip()), 1e-15);
    }

    static String pythonString(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    @Test
    void readRejectsAFileWithoutResults() throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"name\": \"x\"}");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> SummaryJson.read(file));
        assertTrue(e.getMessage().contains("bad.json") && e.getMessage().contains("results"), e.getMessage());
    }
}
