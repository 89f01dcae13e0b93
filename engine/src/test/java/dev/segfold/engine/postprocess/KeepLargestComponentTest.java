package dev.segfold.engine.postprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.engine.image.Volume;
import dev.segfold.engine.testsupport.PythonPeer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KeepLargestComponentTest {

    static Volume row(int... labels) {
        float[] f = new float[labels.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = labels[i];
        }
        return new Volume(new int[] {1, 1, labels.length}, f);
    }

    static int[] ints(Volume v) {
        int[] out = new int[v.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) v.data()[i];
        }
        return out;
    }

    @Test
    void removesSmallerComponentsOfTheClassOnly() {
        Volume v = row(1, 1, 1, 0, 1, 0, 2, 0, 1, 1);
        KeepLargestComponent.Result r = KeepLargestComponent.applyInPlace(v, LabelGroup.of(1), 2.0);
        assertArrayEquals(new int[] {1, 1, 1, 0, 0, 0, 2, 0, 0, 0}, ints(v));
        assertEquals(3, r.components());
        assertEquals(6.0, r.keptSize(), "3 voxels x 2 mm^3");
        assertEquals(4.0, r.largestRemovedSize());
    }

    @Test
    void tiesAreAllKept() {
        Volume v = row(1, 1, 0, 1, 1, 0, 1);
        KeepLargestComponent.applyInPlace(v, LabelGroup.of(1), 0.7);
        assertArrayEquals(new int[] {1, 1, 0, 1, 1, 0, 0}, ints(v));
    }

    @Test
    void jointGroupTreatsClassesAsOneRegionAndKeepsTheirLabels() {
        // 1 1 2 2 | 0 | 2 | 0 | 1 : the joint region 1-1-2-2 is largest; the lone 2 and lone 1 go
        Volume v = row(1, 1, 2, 2, 0, 2, 0, 1);
        KeepLargestComponent.applyInPlace(v, LabelGroup.joint(List.of(1, 2)), 1.0);
        assertArrayEquals(new int[] {1, 1, 2, 2, 0, 0, 0, 0}, ints(v));
        // per class, class 2's components of size 2 and 1: the lone 2 goes, class 1 untouched
        Volume w = row(1, 1, 2, 2, 0, 2, 0, 1);
        KeepLargestComponent.applyInPlace(w, LabelGroup.of(2), 1.0);
        assertArrayEquals(new int[] {1, 1, 2, 2, 0, 0, 0, 1}, ints(w));
    }

    @Test
    void emptyClassIsLeftAlone() {
        Volume v = row(0, 2, 0);
        KeepLargestComponent.Result r = KeepLargestComponent.applyInPlace(v, LabelGroup.of(1), 1.0);
        assertEquals(0, r.components());
        assertTrue(Double.isNaN(r.keptSize()));
        assertArrayEquals(new int[] {0, 2, 0}, ints(v));
    }

    @Test
    void planAppliesGroupsInOrder() {
        // [[1,2], 1]: joint removes the far 2; then class 1 keeps its larger part
        Volume v = new Volume(new int[] {1, 2, 5}, new float[] {
            1, 1, 0, 1, 0,
            2, 0, 0, 1, 0});
        PostprocessingPlan plan = new PostprocessingPlan(List.of(LabelGroup.joint(List.of(1, 2)), LabelGroup.of(1)));
        Volume out = plan.apply(v, 1.0);
        // joint components: {1,1,2} (3 voxels) and {1,1} at x=3 (2 voxels) -> the latter removed
        assertArrayEquals(new int[] {1, 1, 0, 0, 0, 2, 0, 0, 0, 0}, ints(out));
        assertEquals(1f, v.data()[3], "apply returns a copy");
    }

    @Test
    void matchesNnUNetsFunctionWithScipy() {
        PythonPeer.assumeModules("numpy", "scipy.ndimage");
        Random rnd = new Random(5);
        int[] shape = {5, 8, 9};
        Volume v = Volume.zeros(shape);
        for (int i = 0; i < v.size(); i++) {
            double u = rnd.nextDouble();
            v.data()[i] = u < 0.55 ? 0 : u < 0.8 ? 1 : u < 0.95 ? 2 : 3;
        }
        StringBuilder vals = new StringBuilder();
        for (float f : v.data()) {
            vals.append((int) f).append(',');
        }
        String script = """
                img = np.array([%s], dtype=np.int64).reshape((5, 8, 9))
                for plan in ([(1, 2)], [1], [2, 3], [(1, 2, 3), 1]):
                    print(' '.join(map(str, remove(img.copy(), plan, %s).ravel())))
                """.formatted(vals, String.format(Locale.ROOT, "%.3f", 0.75));
        String[] lines = PythonPeer.run(NnUNetReference.FUNCTIONS + script).strip().split("\n");
        List<PostprocessingPlan> plans = List.of(
                new PostprocessingPlan(List.of(LabelGroup.joint(List.of(1, 2)))),
                new PostprocessingPlan(List.of(LabelGroup.of(1))),
                new PostprocessingPlan(List.of(LabelGroup.of(2), LabelGroup.of(3))),
                new PostprocessingPlan(List.of(LabelGroup.joint(List.of(1, 2, 3)), LabelGroup.of(1))));
        for (int p = 0; p < plans.size(); p++) {
            int[] expected = Arrays.stream(lines[p].trim().split(" ")).mapToInt(Integer::parseInt).toArray();
            assertArrayEquals(expected, ints(plans.get(p).apply(v, 0.75)), "plan " + plans.get(p));
        }
    }
}
