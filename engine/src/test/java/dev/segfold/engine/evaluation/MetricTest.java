package dev.segfold.engine.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.engine.image.Volume;
import java.util.EnumSet;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MetricTest {

    static Volume labels(int... values) {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = values[i];
        }
        return new Volume(new int[] {1, 1, values.length}, f);
    }

    @Test
    void diceIsNaNWhenBothMasksAreEmptyAndZeroWhenOnlyTheReferenceIs() {
        Volume zeros = labels(0, 0, 0, 0);
        assertTrue(Double.isNaN(Metric.DICE.compute(ConfusionMatrix.of(zeros, zeros, 1))));
        assertTrue(Double.isNaN(Metric.JACCARD.compute(ConfusionMatrix.of(zeros, zeros, 1))));
        ConfusionMatrix onlyTest = ConfusionMatrix.of(labels(1, 0, 0, 0), zeros, 1);
        assertEquals(0.0, Metric.DICE.compute(onlyTest));
        assertTrue(Double.isNaN(Metric.RECALL.compute(onlyTest)), "recall needs a reference");
        assertEquals(0.0, Metric.PRECISION.compute(onlyTest));
        ConfusionMatrix onlyRef = ConfusionMatrix.of(zeros, labels(0, 1, 1, 0), 1);
        assertEquals(0.0, Metric.DICE.compute(onlyRef));
        assertTrue(Double.isNaN(Metric.PRECISION.compute(onlyRef)), "precision needs a prediction");
        assertTrue(Double.isNaN(Metric.FALSE_DISCOVERY_RATE.compute(onlyRef)));
    }

    @Test
    void handCountedCase() {
        // test:      1 1 1 0 0 0 2 0
        // reference: 1 1 0 1 0 0 0 0
        ConfusionMatrix m = ConfusionMatrix.of(labels(1, 1, 1, 0, 0, 0, 2, 0), labels(1, 1, 0, 1, 0, 0, 0, 0), 1);
        assertEquals(new ConfusionMatrix(2, 1, 4, 1, false, false, false, false), m);
        assertEquals(4.0 / 6, Metric.DICE.compute(m), 1e-15);
        assertEquals(2.0 / 4, Metric.JACCARD.compute(m), 1e-15);
        assertEquals(2.0 / 3, Metric.PRECISION.compute(m), 1e-15);
        assertEquals(2.0 / 3, Metric.RECALL.compute(m), 1e-15);
        assertEquals(6.0 / 8, Metric.ACCURACY.compute(m), 1e-15);
        assertEquals(1.0 / 5, Metric.FALSE_POSITIVE_RATE.compute(m), 1e-15);
        assertEquals(4.0 / 5, Metric.TRUE_NEGATIVE_RATE.compute(m), 1e-15);
        assertEquals(1.0 / 5, Metric.FALSE_OMISSION_RATE.compute(m), 1e-15);
        assertEquals(4.0 / 5, Metric.NEGATIVE_PREDICTIVE_VALUE.compute(m), 1e-15);
        assertEquals(1.0 / 3, Metric.FALSE_NEGATIVE_RATE.compute(m), 1e-15);
        assertEquals(1.0 / 3, Metric.FALSE_DISCOVERY_RATE.compute(m), 1e-15);
        assertEquals(3.0, Metric.TOTAL_POSITIVES_TEST.compute(m));
        assertEquals(3.0, Metric.TOTAL_POSITIVES_REFERENCE.compute(m));
    }

    @Test
    void fullMasksGiveNaNWhereNnUNetDoes() {
        Volume ones = labels(1, 1, 1);
        ConfusionMatrix m = ConfusionMatrix.of(ones, ones, 1);
        assertTrue(Double.isNaN(Metric.TRUE_NEGATIVE_RATE.compute(m)));
        assertTrue(Double.isNaN(Metric.FALSE_POSITIVE_RATE.compute(m)));
        assertTrue(Double.isNaN(Metric.FALSE_OMISSION_RATE.compute(m)));
        assertTrue(Double.isNaN(Metric.NEGATIVE_PREDICTIVE_VALUE.compute(m)));
        assertEquals(1.0, Metric.DICE.compute(m));
    }

    @Test
    void evaluatorMatchesIndependentCountsOnRandomVolumes() {
        Random rnd = new Random(7);
        int[] shape = {5, 6, 7};
        Volume t = Volume.zeros(shape), r = Volume.zeros(shape);
        for (int i = 0; i < t.size(); i++) {
            t.data()[i] = rnd.nextInt(3);
            r.data()[i] = rnd.nextInt(3);
        }
        CaseEvaluation c = new Evaluator(Evaluator.labelsUpTo(2)).evaluate(t, r, "p.nii.gz", "g.nii.gz");
        assertEquals(java.util.List.of("0", "1", "2"), java.util.List.copyOf(c.perLabel().keySet()));
        for (int label = 0; label <= 2; label++) {
            int tp = 0, fp = 0, fn = 0;
            for (int i = 0; i < t.size(); i++) {
                boolean a = t.data()[i] == label, b = r.data()[i] == label;
                tp += a && b ? 1 : 0;
                fp += a && !b ? 1 : 0;
                fn += !a && b ? 1 : 0;
            }
            assertEquals(2.0 * tp / (2 * tp + fp + fn), c.dice(label), 1e-15);
            Map<Metric, Double> all = c.perLabel().get(Integer.toString(label));
            assertEquals(EnumSet.allOf(Metric.class), all.keySet());
            assertEquals(13, all.size(), "nnU-Net's default metric set has 13 metrics");
        }
    }

    @Test
    void shapeMismatchNamesBothFiles() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Evaluator(java.util.List.of(1)).evaluate(Volume.zeros(1, 2, 3), Volume.zeros(1, 3, 2),
                        "pred/a.nii.gz", "gt/a.nii.gz"));
        assertTrue(e.getMessage().contains("pred/a.nii.gz") && e.getMessage().contains("gt/a.nii.gz"), e.getMessage());
    }

    @Test
    void labelsInCollectsTheUnion() {
        assertEquals(java.util.List.of(0, 1, 3), Evaluator.labelsIn(labels(0, 1, 1), labels(3, 0, 0)));
    }

    @Test
    void metricKeysAreNnUNetsNames() {
        assertEquals(Metric.FALSE_OMISSION_RATE, Metric.ofKey("False Omission Rate"));
        assertEquals("Total Positives Reference", Metric.TOTAL_POSITIVES_REFERENCE.key());
        assertThrows(IllegalArgumentException.class, () -> Metric.ofKey("Hausdorff Distance 95"));
    }
}
