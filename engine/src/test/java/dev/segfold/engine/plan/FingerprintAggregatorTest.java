package dev.segfold.engine.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.engine.testsupport.PythonPeer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FingerprintAggregatorTest {

    private static CaseAnalysis analysis(String id, double reduction, float[]... samples) {
        return new CaseAnalysis(new CaseFingerprint(id, new int[] {4, 5, 6}, new double[] {2, 1, 1}, new int[] {1},
                reduction), List.of(samples));
    }

    @Test
    void ctStatisticsPoolEveryCasesSamples() {
        DatasetFingerprint fp = FingerprintAggregator.aggregate(List.of(
                analysis("b", 1, new float[] {1, 2, 3}), analysis("a", 1, new float[] {4, 5, 6, 7})),
                Map.of(0, "CT"), List.of(0, 1));
        IntensityProperties p = fp.intensityProperties().get(0);
        assertEquals(4, p.median());
        assertEquals(4, p.mean());
        assertEquals(2, p.sd(), 1e-12); // population sd of 1..7
        assertEquals(1, p.min());
        assertEquals(7, p.max());
        assertEquals(1 + 0.005 * 6, p.percentile00_5(), 1e-12);
        assertEquals(7 - 0.005 * 6, p.percentile99_5(), 1e-12);
        assertEquals(List.of("a", "b"), fp.cases().stream().map(CaseFingerprint::caseId).toList());
        assertEquals(List.of(1), fp.allClasses());
    }

    @Test
    void noIntensityStatisticsWithoutCt() {
        DatasetFingerprint fp = FingerprintAggregator.aggregate(List.of(analysis("a", 0.6)), Map.of(0, "MRI"), List.of(1, 2));
        assertTrue(fp.intensityProperties().isEmpty());
        assertEquals(Map.of("a", 0.6), fp.sizeReductions());
    }

    @Test
    void ctNeedsSamplesForEveryChannel() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FingerprintAggregator.aggregate(
                List.of(analysis("a", 1, new float[] {1})), Map.of(0, "CT", 1, "CT"), List.of(1)));
        assertTrue(e.getMessage().contains("channel 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FingerprintAggregator.aggregate(
                List.of(analysis("a", 1), analysis("a", 1)), Map.of(0, "MRI"), List.of(1)));
    }

    @Test
    void statisticsAgreeWithNumpy() {
        PythonPeer.assumeModules("numpy");
        Random r = new Random(11);
        double[] v = r.doubles(1001, -1000, 3000).map(d -> (float) d).toArray();
        IntensityProperties p = IntensityProperties.of(v);
        String list = Arrays.stream(v).mapToObj(Double::toString).collect(Collectors.joining(","));
        String[] out = PythonPeer.run("import numpy as np\nv=np.array([" + list + "])\n"
                + "print(np.median(v), np.mean(v), np.std(v), v.min(), v.max(), np.percentile(v, 0.5), np.percentile(v, 99.5))")
                .trim().split(" ");
        double[] expected = Arrays.stream(out).mapToDouble(Double::parseDouble).toArray();
        double[] actual = {p.median(), p.mean(), p.sd(), p.min(), p.max(), p.percentile00_5(), p.percentile99_5()};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], Math.abs(expected[i]) * 1e-12, "statistic " + i);
        }
    }
}
