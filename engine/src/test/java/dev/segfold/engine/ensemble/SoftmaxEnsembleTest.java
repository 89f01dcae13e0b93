package dev.segfold.engine.ensemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.engine.image.Volume;
import dev.segfold.engine.postprocess.LabelGroup;
import dev.segfold.engine.postprocess.PostprocessingPlan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SoftmaxEnsembleTest {
    @TempDir
    Path dir;

    @Test
    void meanOfMembersAndItsArgmax() {
        int[] shape = {2, 3, 4};
        List<Volume[]> folds = new ArrayList<>();
        for (int f = 0; f < 5; f++) {
            folds.add(SoftmaxNpzTest.randomSoftmax(3, shape, 10 + f));
        }
        SoftmaxEnsemble e = new SoftmaxEnsemble();
        for (int f = 0; f < 5; f++) {
            e.add("fold" + f, folds.get(f));
        }
        assertEquals(5, e.size());
        Volume[] mean = e.mean();
        Volume seg = e.segmentation();
        for (int i = 0; i < 24; i++) {
            int best = 0;
            double bestP = -1;
            for (int c = 0; c < 3; c++) {
                double m = 0;
                for (Volume[] fold : folds) {
                    m += fold[c].data()[i];
                }
                m /= 5;
                assertEquals(m, mean[c].data()[i], 1e-6);
                if (m > bestP) {
                    bestP = m;
                    best = c;
                }
            }
            assertEquals(best, seg.data()[i]);
        }
    }

    @Test
    void membersOfAnotherGeometryAreRejectedByName() {
        SoftmaxEnsemble e = new SoftmaxEnsemble().add("fold0/a.npz", SoftmaxNpzTest.randomSoftmax(3, new int[] {2, 3, 4}, 1));
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> e.add("fold1/a.npz", SoftmaxNpzTest.randomSoftmax(3, new int[] {2, 4, 3}, 2)));
        assertTrue(shape.getMessage().contains("fold1/a.npz") && shape.getMessage().contains("fold0/a.npz")
                && shape.getMessage().contains("[2, 4, 3]"), shape.getMessage());
        IllegalArgumentException classes = assertThrows(IllegalArgumentException.class,
                () -> e.add("fold2/a.npz", SoftmaxNpzTest.randomSoftmax(2, new int[] {2, 3, 4}, 3)));
        assertTrue(classes.getMessage().contains("2 classes"), classes.getMessage());
        assertEquals(1, e.size(), "rejected members are not counted");
        assertThrows(IllegalStateException.class, () -> new SoftmaxEnsemble().mean());
    }

    @Test
    void filesAreStreamedAndPostprocessingIsAppliedAfterTheArgmax() {
        // two folds that disagree on a far voxel: the mean still labels it 1; keep-largest removes it
        int[] shape = {1, 1, 8};
        List<Path> files = new ArrayList<>();
        float[][] fg = {{0.9f, 0.9f, 0.9f, 0.1f, 0.1f, 0.1f, 0.1f, 0.8f}, {0.7f, 0.8f, 0.6f, 0.2f, 0.1f, 0.1f, 0.3f, 0.4f}};
        for (int f = 0; f < 2; f++) {
            float[] bg = new float[8];
            for (int i = 0; i < 8; i++) {
                bg[i] = 1 - fg[f][i];
            }
            Path p = dir.resolve("fold" + f + "/case.npz");
            SoftmaxNpz.write(p, new Volume[] {new Volume(shape, bg), new Volume(shape, fg[f].clone())},
                    SoftmaxNpz.Precision.FLOAT32);
            files.add(p);
        }
        EnsemblePrediction pred = EnsemblePrediction.of(files,
                new PostprocessingPlan(List.of(LabelGroup.of(1))), 1.0);
        assertArrayEquals(new float[] {1, 1, 1, 0, 0, 0, 0, 1}, pred.raw().data());
        assertArrayEquals(new float[] {1, 1, 1, 0, 0, 0, 0, 0}, pred.postprocessed().data());
        assertEquals(0.6f, pred.softmax()[1].data()[7], 1e-6f);
        EnsemblePrediction none = EnsemblePrediction.of(files, PostprocessingPlan.NONE, 1.0);
        assertArrayEquals(none.raw().data(), none.postprocessed().data());
    }
}
