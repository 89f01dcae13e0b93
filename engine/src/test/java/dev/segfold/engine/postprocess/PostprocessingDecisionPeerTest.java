package dev.segfold.engine.postprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segfold.engine.evaluation.NnUNetJson;
import dev.segfold.engine.image.Volume;
import dev.segfold.engine.testsupport.PythonPeer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The decision procedure on random cases against a port of nnU-Net v1's
 * {@code determine_postprocessing} (non-advanced) running on scipy.ndimage.label.
 */
class PostprocessingDecisionPeerTest {
    static final int[] SHAPE = {3, 9, 12};

    static void blob(Volume v, Random rnd, int label, int size) {
        int z = rnd.nextInt(SHAPE[0]), y = rnd.nextInt(SHAPE[1] - size + 1), x = rnd.nextInt(SHAPE[2] - size + 1);
        for (int dy = 0; dy < size; dy++) {
            for (int dx = 0; dx < size; dx++) {
                v.set(z, y + dy, x + dx, label);
            }
        }
    }

    static List<PostprocessingCase> scenario(long seed) {
        Random rnd = new Random(seed);
        List<PostprocessingCase> cases = new ArrayList<>();
        int n = 2 + rnd.nextInt(3);
        for (int i = 0; i < n; i++) {
            Volume ref = Volume.zeros(SHAPE);
            PostprocessingDecisionTest.box(ref, 1, 0, 3, 2, 6, 2, 6);
            PostprocessingDecisionTest.box(ref, 2, 0, 3, 2, 6, 6, 8);
            if (rnd.nextDouble() < 0.3) {
                blob(ref, rnd, 1 + rnd.nextInt(2), 2); // a genuine extra blob
            }
            Volume pred = ref.copy();
            int spurious = rnd.nextInt(3);
            for (int k = 0; k < spurious; k++) {
                blob(pred, rnd, 1 + rnd.nextInt(2), 1 + rnd.nextInt(2));
            }
            for (int k = 0; k < 6; k++) {
                pred.data()[rnd.nextInt(pred.size())] = rnd.nextInt(3);
            }
            cases.add(new PostprocessingCase("c" + i, pred, ref, 0.5 + rnd.nextDouble()));
        }
        return cases;
    }

    static String pyArray(Volume v) {
        StringBuilder b = new StringBuilder("np.array([");
        for (float f : v.data()) {
            b.append((int) f).append(',');
        }
        return b.append("]).reshape((").append(SHAPE[0]).append(',').append(SHAPE[1]).append(',').append(SHAPE[2])
                .append("))").toString();
    }

    @Test
    void matchesNnUNetsDecisionOnRandomCases() {
        PythonPeer.assumeModules("numpy", "scipy.ndimage");
        int scenarios = 24;
        StringBuilder py = new StringBuilder(NnUNetReference.FUNCTIONS + """
                import json, warnings
                warnings.simplefilter('ignore')
                def mean_dice(preds, refs, classes):
                    return {str(c): float(np.nanmean([dice(p == c, r == c) for p, r in zip(preds, refs)])) for c in classes}
                def determine(preds, refs, vpvs, classes):
                    raw = mean_dice(preds, refs, classes)
                    pp_all_imgs = [remove(p.copy(), (classes,), v) for p, v in zip(preds, vpvs)]
                    pp_all = mean_dice(pp_all_imgs, refs, classes)
                    fwc = []
                    do_fg = False
                    if any(pp_all[str(c)] > raw[str(c)] for c in classes):
                        if not any(pp_all[str(c)] < raw[str(c)] for c in classes):
                            fwc.append(classes); do_fg = True
                    per = {}
                    if len(classes) > 1:
                        src = pp_all_imgs if do_fg else preds
                        pc = mean_dice([remove(p.copy(), classes, v) for p, v in zip(src, vpvs)], refs, classes)
                        old = pp_all if do_fg else raw
                        for c in classes:
                            per[str(c)] = pc[str(c)]
                            if pc[str(c)] > old[str(c)]:
                                fwc.append(int(c))
                    return {'raw': raw, 'all': pp_all, 'per': per, 'fwc': fwc}
                """);
        List<List<PostprocessingCase>> all = new ArrayList<>();
        for (int s = 0; s < scenarios; s++) {
            List<PostprocessingCase> cases = scenario(1000 + s);
            all.add(cases);
            py.append("P = [");
            cases.forEach(c -> py.append(pyArray(c.prediction())).append(','));
            py.append("]\nR = [");
            cases.forEach(c -> py.append(pyArray(c.reference())).append(','));
            py.append("]\nV = [");
            cases.forEach(c -> py.append(Double.toString(c.voxelVolume())).append(','));
            py.append("]\nprint(json.dumps(determine(P, R, V, [1, 2])))\n");
        }
        String[] lines = PythonPeer.run(py.toString()).strip().split("\n");
        assertEquals(scenarios, lines.length);
        Set<String> outcomes = new HashSet<>();
        for (int s = 0; s < scenarios; s++) {
            JsonNode ref = NnUNetJson.parse(lines[s]);
            PostprocessingResult r = new PostprocessingDecision(List.of(1, 2)).determine(all.get(s));
            String fwc = NnUNetJson.parse(NnUNetJson.toText(PostprocessingJson.toTree(r))).get("for_which_classes").toString();
            assertEquals(ref.get("fwc").toString(), fwc, "scenario " + s);
            outcomes.add(fwc);
            for (String c : List.of("1", "2")) {
                assertEquals(NnUNetJson.number(ref.get("raw").get(c), "raw"), r.dcPerClassRaw().get(c), 1e-12);
                assertEquals(NnUNetJson.number(ref.get("all").get(c), "all"), r.dcPerClassPpAll().get(c), 1e-12);
                assertEquals(NnUNetJson.number(ref.get("per").get(c), "per"), r.dcPerClassPpPerClass().get(c), 1e-12);
            }
        }
        assertTrue(outcomes.size() >= 3, "random scenarios should reach several decisions, got " + outcomes);
    }
}
