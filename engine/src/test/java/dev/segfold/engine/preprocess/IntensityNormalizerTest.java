package dev.segfold.engine.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.segfold.engine.image.Volume;
import dev.segfold.engine.plan.NormalizationScheme;
import org.junit.jupiter.api.Test;

class IntensityNormalizerTest {
    @Test
    void ctClipsToPercentilesThenUsesTheDataSetStats() {
        Volume v = new Volume(new int[] {1, 1, 4}, new float[] {-2000, 0, 100, 5000});
        IntensityNormalizer.normalize(v, null, ChannelNormalization.ct(new CtIntensityStats(50, 25, -100, 300)));
        assertEquals((-100 - 50) / 25.0, v.data()[0], 1e-6);
        assertEquals((0 - 50) / 25.0, v.data()[1], 1e-6);
        assertEquals((100 - 50) / 25.0, v.data()[2], 1e-6);
        assertEquals((300 - 50) / 25.0, v.data()[3], 1e-6);
    }

    @Test
    void nonCtZScoresTheWholeImage() {
        float[] d = {1, 2, 3, 4, 5, 6, 7, 8};
        Volume v = new Volume(new int[] {2, 2, 2}, d.clone());
        IntensityNormalizer.normalize(v, null, ChannelNormalization.nonCt(false));
        double mean = 4.5;
        double sd = Math.sqrt(5.25);
        for (int i = 0; i < d.length; i++) {
            assertEquals((d[i] - mean) / (sd + 1e-8), v.data()[i], 1e-6);
        }
    }

    @Test
    void maskedZScoreUsesVoxelsWithSegAtLeastZeroAndZeroesTheRest() {
        Volume v = new Volume(new int[] {1, 1, 5}, new float[] {100, 2, 4, 6, -50});
        Volume seg = new Volume(new int[] {1, 1, 5}, new float[] {-1, 0, 1, 2, -1});
        IntensityNormalizer.normalize(v, seg, ChannelNormalization.nonCt(true));
        double sd = Math.sqrt(8.0 / 3.0) + 1e-8;
        assertEquals(0f, v.data()[0]);
        assertEquals((2 - 4) / sd, v.data()[1], 1e-6);
        assertEquals(0.0, v.data()[2], 1e-6);
        assertEquals((6 - 4) / sd, v.data()[3], 1e-6);
        assertEquals(0f, v.data()[4]);
    }

    @Test
    void ctNeedsStats() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ChannelNormalization(NormalizationScheme.CT, null, false));
        assertEquals("CT normalization needs the fingerprint's intensity stats", e.getMessage());
        assertEquals(NormalizationScheme.NON_CT, NormalizationScheme.fromValue("nonCT"));
    }
}
