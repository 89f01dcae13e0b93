package dev.segfold.engine.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.segfold.engine.dataset.MsdDataset;
import dev.segfold.engine.split.CrossValidationSplit;
import dev.segfold.engine.split.KFoldSplitter;
import dev.segfold.engine.testsupport.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Fingerprints and plans the 200 real MSD Task04 cases in ../shared/data (skipped where absent).
 *
 * <p>What must come out, and why: every case is 1 mm isotropic and has no zero border (size
 * reduction 1, so no nonzero mask for normalization). The per-axis median of the 200 cropped
 * sizes is 36 x 50 x 35, the same as for all 260 cases, so patch and topology are nnU-Net's
 * Hippocampus plans: 40 x 56 x 40, three [2,2,2] pools. Only the batch differs: VRAM would allow
 * 57, the 5% cap is round(0.05 * 63000 * 200 / 89600) = round(7.03) = 7 here (260 cases: 9).
 * Values cross-checked with nibabel + numpy on the same files.
 */
class HippocampusRealDataTest {
    @Test
    void plansTheRealCases() throws IOException {
        Path task = SharedData.hippocampus();
        List<String> ids;
        try (Stream<Path> files = Files.list(task.resolve("imagesTr"))) {
            ids = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".nii.gz"))
                    .map(n -> n.substring(0, n.length() - ".nii.gz".length())).sorted().toList();
        }
        MsdDataset dataset = MsdDataset.open(task);
        List<CaseAnalysis> analyses = new ArrayList<>();
        for (String id : ids) {
            analyses.add(CaseFingerprinter.analyze(dataset.load(id).raw(), false));
        }
        DatasetFingerprint fp = FingerprintAggregator.aggregate(analyses, Map.of(0, "MRI"), List.of(0, 1, 2));

        assertEquals(200, fp.numCases());
        assertArrayEquals(new int[] {35, 51, 35}, fp.cases().get(0).sizeAfterCrop(), "hippocampus_001 (nibabel)");
        for (CaseFingerprint c : fp.cases()) {
            assertArrayEquals(new double[] {1, 1, 1}, c.originalSpacing(), c.caseId());
            assertEquals(1.0, c.sizeReduction(), c.caseId());
            assertArrayEquals(new int[] {1, 2}, c.classes(), c.caseId());
        }

        Plans plans = new ExperimentPlanner().plan(fp);
        assertEquals(1, plans.numStages());
        StagePlan s = plans.stage(Configuration.FULLRES_3D);
        assertArrayEquals(new int[] {36, 50, 35}, s.medianPatientSizeInVoxels());
        assertArrayEquals(new int[] {40, 56, 40}, s.patchSize());
        assertArrayEquals(new int[][] {{2, 2, 2}, {2, 2, 2}, {2, 2, 2}}, s.poolOpKernelSizes());
        assertEquals(7, s.batchSize());
        assertFalse(plans.useMaskForNorm().get(0));

        CrossValidationSplit split = KFoldSplitter.split(ids, 5);
        assertEquals(40, split.fold(0).val().size());
    }
}
