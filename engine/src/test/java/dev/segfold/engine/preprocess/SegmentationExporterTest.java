package dev.segfold.engine.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.engine.dataset.RawCase;
import dev.segfold.engine.image.Volume;
import org.junit.jupiter.api.Test;

class SegmentationExporterTest {
    private static PreprocessedCase preprocess(RawCase raw, int[] transpose, double[] target) {
        PreprocessingParameters params = new PreprocessingParameters(transpose, target,
                NormalizationParameters.allNonCt(1, true), new int[] {1, 2});
        return new CasePreprocessor(params).preprocess(raw);
    }

    @Test
    void oneHotOfThePreprocessedLabelsExportsToTheOriginalLabelsWhenResamplingIsIdentity() {
        RawCase raw = SyntheticCases.bodyWithTwoLabels("c", new int[] {18, 22, 20}, new double[] {1, 1, 1}, 1);
        for (int[] axes : new int[][] {{0, 1, 2}, {2, 0, 1}, {1, 2, 0}}) {
            PreprocessedCase p = preprocess(raw, axes, new double[] {1, 1, 1});
            Volume labels = new SegmentationExporter(AxisOrder.inverse(axes))
                    .labels(SyntheticCases.oneHot(p.seg(), 3), p.properties());
            assertArrayEquals(raw.seg().shape(), labels.shape());
            assertArrayEquals(raw.seg().data(), labels.data(), "transpose " + java.util.Arrays.toString(axes));
        }
    }

    @Test
    void realResamplingComesBackWithHighDice() {
        RawCase raw = SyntheticCases.bodyWithTwoLabels("c", new int[] {72, 80, 76}, new double[] {1, 1, 1}, 2);
        PreprocessedCase p = preprocess(raw, new int[] {0, 1, 2}, new double[] {1.3, 1.2, 1.25});
        assertTrue(p.seg().size() < raw.seg().size() / 2, "the case was actually downsampled");
        Volume labels = new SegmentationExporter(new int[] {0, 1, 2}).labels(SyntheticCases.oneHot(p.seg(), 3), p.properties());
        for (int label = 1; label <= 2; label++) {
            double d = SyntheticCases.dice(raw.seg(), labels, label);
            assertTrue(d > 0.95, "Dice of label " + label + " = " + d);
        }
    }

    @Test
    void anisotropicCaseWithTransposeComesBackWithHighDice() {
        // coarse x (4 mm): the plans put it first; resampling to 2 mm uses separate z both ways
        RawCase raw = SyntheticCases.bodyWithTwoLabels("c", new int[] {40, 44, 14}, new double[] {1, 1, 4}, 3);
        int[] axes = {2, 0, 1};
        PreprocessedCase p = preprocess(raw, axes, new double[] {2, 1, 1});
        assertEquals(AxisOrder.permute(p.properties().shapeAfterCrop(), axes)[0] * 2, p.seg().shape()[0]);
        Volume labels = new SegmentationExporter(AxisOrder.inverse(axes)).labels(SyntheticCases.oneHot(p.seg(), 3),
                p.properties());
        for (int label = 1; label <= 2; label++) {
            double d = SyntheticCases.dice(raw.seg(), labels, label);
            assertTrue(d > 0.95, "Dice of label " + label + " = " + d);
        }
    }

    @Test
    void probabilitiesInTheFullGeometryAreZeroOutsideTheCropBox() {
        RawCase raw = SyntheticCases.bodyWithTwoLabels("c", new int[] {20, 24, 22}, new double[] {1, 1, 1}, 4);
        PreprocessedCase p = preprocess(raw, new int[] {0, 1, 2}, new double[] {1.25, 1.25, 1.25});
        Volume[] softmax = SyntheticCases.oneHot(p.seg(), 3);
        SegmentationExporter exporter = new SegmentationExporter(new int[] {0, 1, 2});
        Volume[] crop = exporter.toCropGeometry(softmax, p.properties());
        Volume[] full = exporter.toOriginalGeometry(softmax, p.properties());
        assertArrayEquals(p.properties().shapeAfterCrop(), crop[0].shape());
        assertArrayEquals(raw.seg().shape(), full[0].shape());
        int[][] box = p.properties().cropBox();
        for (int z = 0; z < 20; z++) {
            for (int y = 0; y < 24; y++) {
                for (int x = 0; x < 22; x++) {
                    boolean inside = z >= box[0][0] && z < box[0][1] && y >= box[1][0] && y < box[1][1]
                            && x >= box[2][0] && x < box[2][1];
                    float sum = full[0].get(z, y, x) + full[1].get(z, y, x) + full[2].get(z, y, x);
                    assertEquals(inside ? 1f : 0f, sum, 1e-5f);
                }
            }
        }
    }

    @Test
    void nextStageLabelsUpsampleTheSoftmaxAndArgmax() {
        Volume labels = Volume.zeros(4, 6, 5);
        for (int z = 0; z < 4; z++) {
            for (int y = 0; y < 6; y++) {
                for (int x = 0; x < 5; x++) {
                    labels.set(z, y, x, y < 3 ? 0 : (x < 2 ? 1 : 2));
                }
            }
        }
        Volume up = NextStageLabels.fromSoftmax(SyntheticCases.oneHot(labels, 3), new int[] {8, 12, 10});
        for (int z = 0; z < 8; z++) {
            for (int y = 0; y < 12; y++) {
                for (int x = 0; x < 10; x++) {
                    assertEquals(labels.get(z / 2, y / 2, x / 2), up.get(z, y, x));
                }
            }
        }
        Volume same = NextStageLabels.fromSoftmax(SyntheticCases.oneHot(labels, 3), labels.shape());
        assertArrayEquals(labels.data(), same.data());
    }

    @Test
    void argmaxPicksTheFirstOfTiedClasses() {
        Volume a = new Volume(new int[] {1, 1, 2}, new float[] {0.5f, 0.2f});
        Volume b = new Volume(new int[] {1, 1, 2}, new float[] {0.5f, 0.8f});
        assertArrayEquals(new float[] {0, 1}, SoftmaxArgmax.argmax(new Volume[] {a, b}).data());
    }
}
