package dev.segfold.engine.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExperimentPlannerTest {
    private final ExperimentPlanner planner = new ExperimentPlanner();

    @Test
    void hippocampusPlansAsNnUNet() {
        Plans plans = planner.plan(Fingerprints.hippocampus());

        assertEquals(1, plans.numStages());
        StagePlan s = plans.stage(Configuration.FULLRES_3D);
        assertArrayEquals(new int[] {40, 56, 40}, s.patchSize());
        assertEquals(9, s.batchSize());
        assertArrayEquals(new int[] {3, 3, 3}, s.numPoolPerAxis());
        assertArrayEquals(new int[][] {{2, 2, 2}, {2, 2, 2}, {2, 2, 2}}, s.poolOpKernelSizes());
        // 3 pools = 4 resolutions: 3 encoder stages + the bottleneck, all 3x3x3
        assertArrayEquals(new int[][] {{3, 3, 3}, {3, 3, 3}, {3, 3, 3}, {3, 3, 3}}, s.convKernelSizes());
        assertArrayEquals(new int[] {36, 50, 35}, s.medianPatientSizeInVoxels());
        assertArrayEquals(new double[] {1, 1, 1}, s.currentSpacing());
        assertFalse(s.doDummy2DDataAug());
        assertEquals(2, plans.numClasses());
        assertEquals(1, plans.numModalities());
        assertEquals(32, plans.baseNumFeatures());
        assertEquals(NormalizationScheme.NON_CT, plans.normalizationSchemes().get(0));
        assertFalse(plans.useMaskForNorm().get(0));
        assertArrayEquals(new int[] {0, 1, 2}, plans.transposeForward());
        assertEquals("nnUNetData_plans_v2.1", plans.dataIdentifier());
        assertEquals(List.of(Configuration.FULLRES_3D), plans.configurations());
        assertThrows(IllegalArgumentException.class, () -> plans.stage(Configuration.LOWRES_3D));
    }

    /**
     * CT, z spacing 2.5..6 mm (median 5) against 0.8 mm in-plane, few slices. Hand derivation:
     * median spacing (5, .8, .8): 5 > 3 * .8 and median z size 40 * 3 < 400, so z takes the 10th
     * percentile of {2.5 3 4 5 5 5 5 5 6 6} = 2.5 + 0.9 * 0.5 = 2.95. Median shape z = median of
     * spacing/2.95 * slices = 67.8 -> 68. The patch starts at 512 mm isotropic (139 x 512 x 512
     * voxels) clipped to 68 x 400 x 420; z joins the pooling only once y,x reach 1.6 mm
     * (first pool [1,2,2], conv [1,3,3]); the VRAM loop then shrinks y,x (largest patch/median) to
     * 40 x 224 x 224 with batch 2; 224/40 > 3 makes augmentation dummy-2D. The real v1 code gives
     * the same (see PlannerVectorsTest, vector "aniso_ct").
     */
    @Test
    void anisotropicCtGetsAFinerCoarseAxisAndInPlaneFirstPooling() {
        double[] zs = {2.5, 3, 4, 5, 5, 5, 5, 5, 6, 6};
        int[] slices = {80, 70, 50, 40, 40, 40, 40, 40, 35, 35};
        List<double[]> spacings = new ArrayList<>();
        List<int[]> sizes = new ArrayList<>();
        List<Double> reductions = new ArrayList<>();
        for (int i = 0; i < zs.length; i++) {
            spacings.add(new double[] {zs[i], 0.8, 0.8});
            sizes.add(new int[] {slices[i], 400, 420});
            reductions.add(0.5);
        }
        Plans plans = planner.plan(Fingerprints.of(spacings, sizes, reductions, Map.of(0, "CT"), List.of(1)));

        StagePlan s = plans.stage(Configuration.FULLRES_3D);
        assertEquals(1, plans.numStages());
        assertArrayEquals(new double[] {2.95, 0.8, 0.8}, s.currentSpacing(), 1e-12);
        assertArrayEquals(new int[] {68, 400, 420}, s.medianPatientSizeInVoxels());
        assertArrayEquals(new int[] {1, 2, 2}, s.poolOpKernelSizes()[0]);
        assertArrayEquals(new int[] {1, 3, 3}, s.convKernelSizes()[0]);
        assertArrayEquals(new int[] {40, 224, 224}, s.patchSize());
        assertArrayEquals(new int[] {3, 5, 5}, s.numPoolPerAxis());
        assertEquals(2, s.batchSize());
        assertTrue(s.doDummy2DDataAug());
        assertEquals(NormalizationScheme.CT, plans.normalizationSchemes().get(0));
        // never the nonzero mask for CT, whatever the crop reduction
        assertFalse(plans.useMaskForNorm().get(0));
    }

    @Test
    void coarseXAxisIsTransposedFirst() {
        List<double[]> spacings = new ArrayList<>();
        List<int[]> sizes = new ArrayList<>();
        List<Double> reductions = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            spacings.add(new double[] {0.7, 0.7, 5});
            sizes.add(new int[] {300, 310, 40});
            reductions.add(0.5);
        }
        Plans plans = planner.plan(Fingerprints.of(spacings, sizes, reductions, Map.of(0, "MRI", 1, "T2"), List.of(1)));
        assertArrayEquals(new int[] {2, 0, 1}, plans.transposeForward());
        assertArrayEquals(new int[] {1, 2, 0}, plans.transposeBackward());
        StagePlan s = plans.stage(0);
        assertEquals(5, s.currentSpacing()[0], 1e-12);
        assertEquals(40, s.medianPatientSizeInVoxels()[0]);
        // median crop reduction 0.5 < 0.75: non-CT channels normalize inside the nonzero mask
        assertTrue(plans.useMaskForNorm().get(0));
        assertTrue(plans.useMaskForNorm().get(1));
    }

    /**
     * 300 x 400 x 400 at 1 mm: a median case is ~9 full-res patches, so a low-res stage is
     * planned; isotropic spacing grows by 1% per step until the median is within 4 low-res patches.
     * Values as the real v1 code gives them (PlannerVectorsTest, vector "large_ct").
     */
    @Test
    void largeVolumesGetALowResStageFirst() {
        Plans plans = planner.plan(Fingerprints.uniform(20, new int[] {300, 400, 400}, new double[] {1, 1, 1},
                Map.of(0, "CT"), List.of(1, 2, 3), 0.9));

        assertEquals(2, plans.numStages());
        StagePlan low = plans.stage(Configuration.LOWRES_3D);
        StagePlan full = plans.stage(Configuration.FULLRES_3D);
        assertEquals(full, plans.stage(Configuration.CASCADE_FULLRES_3D));
        assertEquals(full, plans.stage(1));
        assertArrayEquals(new int[] {300, 400, 400}, full.medianPatientSizeInVoxels());
        assertArrayEquals(new int[] {112, 160, 128}, full.patchSize());
        assertArrayEquals(new int[] {172, 229, 229}, low.medianPatientSizeInVoxels());
        assertArrayEquals(new int[] {112, 160, 128}, low.patchSize());
        assertEquals(1.7458098192069162, low.currentSpacing()[0], 1e-12);
        assertArrayEquals(new double[] {1, 1, 1}, low.originalSpacing());
        assertTrue(2 * NumpyMath.prod(low.medianPatientSizeInVoxels()) < NumpyMath.prod(full.medianPatientSizeInVoxels()));
        assertEquals(List.of(Configuration.values()), plans.configurations());
    }

    @Test
    void forcedLowresOnHippocampusAtTwoMillimetres() {
        PlanOverrides o = PlanOverrides.NONE.withForcedLowres(new double[] {2, 2, 2}, null);
        Plans plans = planner.plan(Fingerprints.hippocampus(), o);

        assertEquals(2, plans.numStages());
        StagePlan low = plans.stage(Configuration.LOWRES_3D);
        // round(36/2, 50/2, 35/2) with 17.5 -> 18 (half to even); pools 18,25,18 -> 9,13,9 -> stop; pad to 4
        assertArrayEquals(new int[] {18, 25, 18}, low.medianPatientSizeInVoxels());
        assertArrayEquals(new int[] {20, 28, 20}, low.patchSize());
        assertArrayEquals(new int[][] {{2, 2, 2}, {2, 2, 2}}, low.poolOpKernelSizes());
        assertEquals(3, low.convKernelSizes().length);
        assertArrayEquals(new double[] {2, 2, 2}, low.currentSpacing());
        assertArrayEquals(new int[] {40, 56, 40}, plans.stage(Configuration.CASCADE_FULLRES_3D).patchSize());
        assertEquals(planner.plan(Fingerprints.hippocampus()).stage(0), plans.stage(1));

        // nnU-Net v2's integration test states the patch; giving it explicitly plans the same stage
        Plans explicit = planner.plan(Fingerprints.hippocampus(),
                PlanOverrides.NONE.withForcedLowres(new double[] {2, 2, 2}, new int[] {20, 28, 20}));
        assertEquals(low, explicit.stage(0));
    }

    @Test
    void overridesShrinkTheNetworkForCpuRuns() {
        PlanOverrides o = PlanOverrides.NONE.withBaseNumFeatures(8).withMaxNumPool(2).withBatchSize(2)
                .withPatchSize(32, 32, 32);
        Plans plans = planner.plan(Fingerprints.hippocampus(), o);
        StagePlan s = plans.stage(0);
        assertEquals(8, plans.baseNumFeatures());
        assertArrayEquals(new int[] {32, 32, 32}, s.patchSize());
        assertArrayEquals(new int[] {2, 2, 2}, s.numPoolPerAxis());
        assertEquals(3, s.convKernelSizes().length);
        assertEquals(2, s.batchSize());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> planner.plan(Fingerprints.hippocampus(), PlanOverrides.NONE.withPatchSize(30, 30, 30)));
        assertTrue(e.getMessage().contains("patch_size override"), e.getMessage());
    }

    @Test
    void patchOverrideSizesTheBatchByTheSameRule() {
        Plans plans = planner.plan(Fingerprints.hippocampus(), PlanOverrides.NONE.withPatchSize(24, 32, 24));
        StagePlan s = plans.stage(0);
        // cap: round(0.05 * 63000 * 260 / 18432) = round(44.43) = 44; VRAM allows far more
        assertEquals(44, s.batchSize());
        assertNotNull(s.convKernelSizes());
    }

    @Test
    void configurationNamesParse() {
        assertEquals(Configuration.CASCADE_FULLRES_3D, Configuration.fromId("3d_cascade_fullres"));
        assertEquals("3d_lowres", Configuration.LOWRES_3D.id());
        assertEquals(0, Configuration.FULLRES_3D.stageIndex(1));
        assertEquals(1, Configuration.FULLRES_3D.stageIndex(2));
        assertThrows(IllegalArgumentException.class, () -> Configuration.fromId("2d"));
    }
}
