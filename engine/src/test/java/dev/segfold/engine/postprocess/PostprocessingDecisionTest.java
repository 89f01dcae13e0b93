package dev.segfold.engine.postprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segfold.engine.evaluation.NnUNetJson;
import dev.segfold.engine.image.Volume;
import dev.segfold.engine.testsupport.PythonPeer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostprocessingDecisionTest {
    static final int[] SHAPE = {2, 6, 20};

    @TempDir
    Path dir;

    /** Fills the box [z0,z1) x [y0,y1) x [x0,x1) with {@code label}. */
    static Volume box(Volume v, int label, int z0, int z1, int y0, int y1, int x0, int x1) {
        for (int z = z0; z < z1; z++) {
            for (int y = y0; y < y1; y++) {
                for (int x = x0; x < x1; x++) {
                    v.set(z, y, x, label);
                }
            }
        }
        return v;
    }

    /** Class 1 (2x3x4 = 24 voxels) with class 2 (2x3x3 = 18) beside it along x. */
    static Volume organ() {
        Volume v = Volume.zeros(SHAPE);
        box(v, 1, 0, 2, 0, 3, 0, 4);
        box(v, 2, 0, 2, 0, 3, 4, 7);
        return v;
    }

    static PostprocessingCase c(String name, Volume prediction, Volume reference) {
        return new PostprocessingCase(name, prediction, reference, 1.0);
    }

    static List<Object> forWhich(PostprocessingResult r) {
        List<Object> out = new ArrayList<>();
        r.plan().forWhichClasses().forEach(g -> out.add(g.toJsonValue()));
        return out;
    }

    @Test
    void spuriousFarBlobIsRemovedByTheJointStep() {
        List<PostprocessingCase> cases = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Volume ref = organ();
            Volume pred = box(organ(), 1, 0, 1, 4, 6, 15 + i, 17 + i); // 4 false-positive class-1 voxels far away
            cases.add(c("case" + i, pred, ref));
        }
        PostprocessingResult r = new PostprocessingDecision(List.of(1, 2)).determine(cases);
        assertEquals(List.of(List.of(1, 2)), forWhich(r));
        assertEquals(2.0 * 24 / (48 + 4), r.dcPerClassRaw().get("1"), 1e-12);
        assertEquals(1.0, r.dcPerClassPpAll().get("1"));
        assertEquals(1.0, r.dcPerClassPpAll().get("2"));
        assertEquals(Map.of("1", 1.0, "2", 1.0), r.dcPerClassPpPerClass(), "per-class step starts from the joint output");
        assertEquals(1.0, r.finalSummary().meanDice(1));
        assertEquals(2, r.numSamples());
        assertEquals(List.of("0", "1", "2"), List.copyOf(r.rawSummary().mean().keySet()));
        assertEquals(List.of("1", "2"), List.copyOf(r.finalSummary().mean().keySet()));
    }

    @Test
    void disabledKeepsTheRawPredictionWhereTheChoiceWouldRemoveABlob() {
        List<PostprocessingCase> cases = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            cases.add(c("case" + i, box(organ(), 1, 0, 1, 4, 6, 15 + i, 17 + i), organ()));
        }
        List<Volume> finals = new ArrayList<>();
        PostprocessingResult r = new PostprocessingDecision(List.of(1, 2)).disabled()
                .determine(cases, (c, v) -> finals.add(v));
        assertEquals(List.of(), forWhich(r), "a run with postprocessing off chooses nothing");
        assertEquals(2.0 * 24 / (48 + 4), r.dcPerClassRaw().get("1"), 1e-12);
        assertEquals(r.dcPerClassRaw().get("1"), r.finalSummary().meanDice(1), 1e-12, "final is the raw prediction");
        assertTrue(r.dcPerClassPpAll().isEmpty(), "nothing was tried");
        assertArrayEquals(cases.get(0).prediction().data(), finals.get(0).data());
    }

    @Test
    void removingARealSecondBlobHurtsSoNothingIsChosen() {
        Volume ref = box(organ(), 1, 0, 2, 4, 6, 12, 15); // a genuine second class-1 blob (12 voxels)
        Volume pred = ref.copy();
        PostprocessingResult r = new PostprocessingDecision(List.of(1, 2)).determine(List.of(c("a", pred, ref)));
        assertEquals(List.of(), forWhich(r));
        assertTrue(r.dcPerClassPpAll().get("1") < r.dcPerClassRaw().get("1"));
        assertEquals(r.dcPerClassRaw().get("1"), r.finalSummary().meanDice(1), "final is the raw prediction");
        assertEquals(1.0, r.finalSummary().meanDice(1));
    }

    @Test
    void jointStepIsRejectedWhenOneClassGetsWorseButThePerClassStepStillHelps() {
        // reference: organ + a genuine far class-2 blob; prediction adds a spurious far class-1 blob
        Volume ref = box(organ(), 2, 0, 2, 4, 6, 17, 19);
        Volume pred = box(ref.copy(), 1, 0, 1, 4, 6, 10, 12);
        PostprocessingResult r = new PostprocessingDecision(List.of(1, 2)).determine(List.of(c("a", pred, ref)));
        assertTrue(r.dcPerClassPpAll().get("1") > r.dcPerClassRaw().get("1"), "class 1 improved");
        assertTrue(r.dcPerClassPpAll().get("2") < r.dcPerClassRaw().get("2"), "class 2 got worse");
        assertEquals(List.of(1), forWhich(r));
        assertEquals(1.0, r.dcPerClassPpPerClass().get("1"));
        assertEquals(1.0, r.finalSummary().meanDice(1));
        assertEquals(1.0, r.finalSummary().meanDice(2));
    }

    @Test
    void jointThenPerClassGivesTheListAndTheClass() {
        Volume ref = organ();
        Volume pred = organ();
        pred.set(0, 3, 0, 2); // touches class 1 (joint region) but not the main class-2 blob
        box(pred, 1, 0, 1, 4, 6, 15, 17); // far spurious class 1
        PostprocessingResult r = new PostprocessingDecision(List.of(1, 2)).determine(List.of(c("a", pred, ref)));
        assertEquals(List.of(List.of(1, 2), 2), forWhich(r));
        assertEquals(1.0, r.finalSummary().meanDice(1));
        assertEquals(1.0, r.finalSummary().meanDice(2));
    }

    @Test
    void equalDiceIsNotAnImprovementAndNaNCasesAreIgnored() {
        // class 2 absent from both masks in case b: Dice NaN there, nanmean uses case a only
        Volume refB = Volume.zeros(SHAPE);
        box(refB, 1, 0, 2, 0, 3, 0, 4);
        PostprocessingResult r = new PostprocessingDecision(List.of(1, 2)).determine(List.of(
                c("a", organ(), organ()), c("b", refB.copy(), refB)));
        assertEquals(1.0, r.dcPerClassRaw().get("2"));
        assertTrue(Double.isNaN(r.rawSummary().all().get(1).dice(2)));
        assertEquals(List.of(), forWhich(r), "nothing improved strictly");
    }

    @Test
    void singleClassDataSetWritesTheJointListAndSkipsThePerClassStep() {
        Volume ref = box(Volume.zeros(SHAPE), 1, 0, 2, 0, 3, 0, 4);
        Volume pred = box(ref.copy(), 1, 1, 2, 5, 6, 18, 20);
        PostprocessingResult r = new PostprocessingDecision(List.of(1)).determine(List.of(c("a", pred, ref)));
        assertEquals(List.of(List.of(1)), forWhich(r));
        assertEquals(Map.of(), r.dcPerClassPpPerClass());
    }

    @Test
    void finalPredictionsGoToTheSink() {
        Volume ref = organ();
        Volume pred = box(organ(), 1, 0, 1, 4, 6, 15, 17);
        List<Volume> finals = new ArrayList<>();
        new PostprocessingDecision(List.of(1, 2)).determine(List.of(c("a", pred, ref)), (cs, v) -> finals.add(v));
        assertEquals(1, finals.size());
        assertEquals(0f, finals.get(0).get(0, 4, 15));
        assertEquals(1f, pred.get(0, 4, 15), "raw prediction untouched");
    }

    @Test
    void postprocessingJsonHasNnUNetsKeysAndRoundTrips() throws Exception {
        Volume ref = organ();
        Volume pred = organ();
        pred.set(0, 3, 0, 2);
        box(pred, 1, 0, 1, 4, 6, 15, 17);
        PostprocessingResult r = new PostprocessingDecision(List.of(1, 2)).determine(List.of(c("a", pred, ref)));
        Path file = dir.resolve("postprocessing.json");
        PostprocessingJson.write(file, r);
        JsonNode root = NnUNetJson.read(file);
        List<String> keys = new ArrayList<>();
        root.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("dc_per_class_pp_all", "dc_per_class_pp_per_class", "dc_per_class_raw",
                "for_which_classes", "min_valid_object_sizes", "num_samples", "validation_final", "validation_raw"), keys);
        assertEquals("None", root.get("min_valid_object_sizes").asText());
        assertEquals("validation_raw", root.get("validation_raw").asText());
        assertEquals(1, root.get("num_samples").asInt());
        String text = Files.readString(file);
        assertTrue(text.contains("\"for_which_classes\": [\n        [\n            1,\n            2\n        ],\n        2\n    ]"),
                text);
        assertEquals(r.plan(), PostprocessingJson.read(file));

        Volume applied = PostprocessingJson.read(file).apply(pred, 1.0);
        assertEquals(0f, applied.get(0, 3, 0));
        assertEquals(0f, applied.get(0, 4, 15));
    }

    @Test
    void pythonSeesTheSameJson() throws Exception {
        PythonPeer.assumeModules("json");
        Volume ref = organ();
        Volume pred = box(organ(), 1, 0, 1, 4, 6, 15, 17);
        PostprocessingResult r = new PostprocessingDecision(List.of(1, 2)).determine(List.of(c("a", pred, ref)));
        Path file = dir.resolve("postprocessing.json");
        PostprocessingJson.write(file, r);
        String out = PythonPeer.run("""
                import json, ast
                d = json.load(open('%s'))
                assert ast.literal_eval(d['min_valid_object_sizes']) is None
                print(d['for_which_classes'])
                print(json.dumps(d, sort_keys=True, indent=4))
                """.formatted(file));
        int nl = out.indexOf('\n');
        assertEquals("[[1, 2]]", out.substring(0, nl));
        assertEquals(Files.readString(file), out.substring(nl + 1).stripTrailing());
    }

    @Test
    void readingRejectsAdvancedModeAndBadEntries() throws Exception {
        Path file = dir.resolve("pp.json");
        Files.writeString(file, "{\"for_which_classes\": [[1, 2], 1], \"min_valid_object_sizes\": \"{1: 50}\"}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PostprocessingJson.read(file));
        assertTrue(e.getMessage().contains("pp.json") && e.getMessage().contains("min_valid_object_sizes"), e.getMessage());
        Files.writeString(file, "{\"for_which_classes\": [[1, 0]], \"min_valid_object_sizes\": \"None\"}");
        e = assertThrows(IllegalArgumentException.class, () -> PostprocessingJson.read(file));
        assertTrue(e.getMessage().contains("for_which_classes[0]"), e.getMessage());
        assertEquals(PostprocessingPlan.NONE,
                PostprocessingJson.parse("{\"for_which_classes\": [], \"min_valid_object_sizes\": \"None\"}"));
    }
}
