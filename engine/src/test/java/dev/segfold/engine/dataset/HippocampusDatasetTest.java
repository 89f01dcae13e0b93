package dev.segfold.engine.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.engine.testsupport.SharedData;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The real Task04_Hippocampus subset (200 cases): opens, loads and validates cleanly. Skips where absent. */
class HippocampusDatasetTest {
    @Test
    void allCasesValidateWithoutErrors() {
        Path root = SharedData.hippocampus();
        ValidationReport report = new DatasetValidator().validate(root);
        assertEquals(200, report.trainingCases());
        assertEquals(1, report.testCases());
        assertTrue(report.isValid(), report.describe());
    }

    @Test
    void aCaseLoadsWithFloatLabelsAsIntegers() throws Exception {
        MsdDataset ds = MsdDataset.open(SharedData.hippocampus());
        assertEquals(DatasetLayout.MSD, ds.layout());
        assertEquals(1, ds.numChannels());
        assertEquals("MRI", ds.descriptor().modalities().get(0));
        assertEquals("Posterior", ds.descriptor().labels().get(2));
        assertEquals("hippocampus_001", ds.trainingCaseIds().get(0));
        LoadedCase c = ds.load("hippocampus_003");
        assertArrayEquals(new int[] {52, 34}, new int[] {c.raw().seg().shape()[1], c.raw().seg().shape()[2]});
        assertArrayEquals(new double[] {1, 1, 1}, c.raw().spacing(), 1e-9);
        boolean[] seen = new boolean[3];
        for (float v : c.raw().seg().data()) {
            seen[(int) v] = true;
        }
        assertArrayEquals(new boolean[] {true, true, true}, seen);
    }
}
