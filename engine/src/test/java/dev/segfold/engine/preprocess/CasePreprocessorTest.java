package dev.segfold.engine.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.engine.dataset.RawCase;
import dev.segfold.engine.image.Volume;
import org.junit.jupiter.api.Test;

class CasePreprocessorTest {
    private static final int[] IDENTITY = {0, 1, 2};

    private static PreprocessingParameters params(int[] transpose, double[] target, boolean mask) {
        return new PreprocessingParameters(transpose, target, NormalizationParameters.allNonCt(1, mask), new int[] {1, 2});
    }

    @Test
    void identitySpacingKeepsTheCroppedLabelsExactly() {
        RawCase raw = SyntheticCases.bodyWithTwoLabels("hippo_001", new int[] {20, 24, 22}, new double[] {1, 1, 1}, 1);
        PreprocessedCase p = new CasePreprocessor(params(IDENTITY, new double[] {1, 1, 1}, true)).preprocess(raw);
        NonzeroCrop.Result crop = NonzeroCrop.crop(raw.channels(), raw.seg());
        CaseProperties props = p.properties();
        assertArrayEquals(new int[] {20, 24, 22}, props.originalShape());
        assertArrayEquals(crop.box(), props.cropBox());
        assertArrayEquals(CropBox.size(crop.box()), props.shapeAfterCrop());
        assertArrayEquals(props.shapeAfterCrop(), props.shapeAfterResampling());
        assertArrayEquals(crop.seg().data(), p.seg().data());
        assertTrue(hasValue(p.seg(), -1f), "corners of the box lie outside the body");

        // masked z-score: mean 0 and sd 1 inside the mask, 0 outside
        double sum = 0;
        double sq = 0;
        int n = 0;
        for (int i = 0; i < p.seg().size(); i++) {
            float v = p.data()[0].data()[i];
            if (p.seg().data()[i] >= 0) {
                sum += v;
                sq += v * v;
                n++;
            } else {
                assertEquals(0f, v);
            }
        }
        assertEquals(0, sum / n, 1e-4);
        assertEquals(1, Math.sqrt(sq / n), 1e-4);

        assertEquals(ClassLocationSampler.sampleCount(count(p.seg(), 1)), props.classLocations().get(1).length);
        for (int[] loc : props.classLocations().get(2)) {
            assertEquals(2f, p.seg().get(loc[0], loc[1], loc[2]));
        }
    }

    @Test
    void transposeForwardReordersArraysAndResampledProperties() {
        RawCase raw = SyntheticCases.bodyWithTwoLabels("c", new int[] {12, 16, 14}, new double[] {1, 1, 1}, 2);
        int[] axes = {2, 0, 1};
        PreprocessedCase p = new CasePreprocessor(params(axes, new double[] {1, 1, 1}, false)).preprocess(raw);
        NonzeroCrop.Result crop = NonzeroCrop.crop(raw.channels(), raw.seg());
        Volume expected = AxisOrder.transpose(crop.seg(), axes);
        assertArrayEquals(expected.shape(), p.seg().shape());
        assertArrayEquals(expected.data(), p.seg().data());
        assertArrayEquals(AxisOrder.permute(CropBox.size(crop.box()), axes), p.properties().shapeAfterResampling());
        assertArrayEquals(CropBox.size(crop.box()), p.properties().shapeAfterCrop());
    }

    @Test
    void anisotropicSpacingResamplesTheCoarseAxisWithNearestSlices() {
        RawCase raw = SyntheticCases.bodyWithTwoLabels("c", new int[] {10, 20, 18}, new double[] {4, 1, 1}, 3);
        PreprocessedCase p = new CasePreprocessor(params(IDENTITY, new double[] {2, 1, 1}, false)).preprocess(raw);
        NonzeroCrop.Result crop = NonzeroCrop.crop(raw.channels(), raw.seg());
        int[] cs = CropBox.size(crop.box());
        assertArrayEquals(new int[] {cs[0] * 2, cs[1], cs[2]}, p.seg().shape());
        for (int z = 0; z < cs[0] * 2; z++) {
            int src = (int) Math.floor((z + 0.5) / 2.0); // order 0 at (z+0.5)/2-0.5, rounding half up
            for (int y = 0; y < cs[1]; y++) {
                for (int x = 0; x < cs[2]; x++) {
                    assertEquals(crop.seg().get(src, y, x), p.seg().get(z, y, x));
                }
            }
        }
        assertArrayEquals(new double[] {2, 1, 1}, p.properties().spacingAfterResampling());
    }

    @Test
    void testCaseHasNoSegButIsStillMaskedForNormalisation() {
        RawCase labelled = SyntheticCases.bodyWithTwoLabels("t", new int[] {12, 14, 16}, new double[] {1, 1, 1}, 4);
        labelled.channels()[0].data()[labelled.channels()[0].index(6, 7, 8)] = Float.NaN;
        RawCase test = new RawCase("t", labelled.channels(), null, labelled.spacing());
        PreprocessedCase p = new CasePreprocessor(params(IDENTITY, new double[] {1, 1, 1}, true)).preprocess(test);
        assertNull(p.seg());
        assertTrue(p.properties().classLocations().isEmpty());
        for (float v : p.data()[0].data()) {
            assertTrue(Float.isFinite(v), "NaN became 0 before normalisation");
        }
        assertEquals(0f, p.data()[0].get(0, 0, 0), "outside the mask is 0");
    }

    @Test
    void rejectsAChannelCountThatDoesNotMatchTheNormalisation() {
        RawCase raw = SyntheticCases.bodyWithTwoLabels("bad_case", new int[] {6, 6, 6}, new double[] {1, 1, 1}, 5);
        PreprocessingParameters two = new PreprocessingParameters(IDENTITY, new double[] {1, 1, 1},
                NormalizationParameters.allNonCt(2, false), new int[] {1});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CasePreprocessor(two).preprocess(raw));
        assertTrue(e.getMessage().contains("bad_case"), e.getMessage());
    }

    private static boolean hasValue(Volume v, float value) {
        for (float f : v.data()) {
            if (f == value) {
                return true;
            }
        }
        return false;
    }

    private static int count(Volume v, float value) {
        int n = 0;
        for (float f : v.data()) {
            if (f == value) {
                n++;
            }
        }
        return n;
    }
}
