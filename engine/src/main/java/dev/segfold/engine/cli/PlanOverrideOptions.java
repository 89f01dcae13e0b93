package dev.segfold.engine.cli;

import dev.segfold.engine.plan.PlanOverrides;
import picocli.CommandLine.Option;

/** Plan overrides for CPU runs: a smaller network than nnU-Net would plan. */
final class PlanOverrideOptions {
    @Option(names = "--base", description = "base features of the U-Net (nnU-Net: 32)")
    Integer base;

    @Option(names = "--pools", description = "at most this many poolings per axis")
    Integer pools;

    @Option(names = "--batch", description = "batch size")
    Integer batch;

    @Option(names = "--patch", arity = "3", description = "patch size Z Y X")
    int[] patch;

    @Option(names = "--lowres-spacing", arity = "3",
            description = "force a low-res stage at this spacing Z Y X in mm (data axis order), as nnU-Net's own "
                    + "integration test does at 2 mm on Hippocampus; needed for 3d_lowres and 3d_cascade_fullres on "
                    + "data too small for nnU-Net to plan one")
    double[] lowresSpacing;

    PlanOverrides overrides() {
        PlanOverrides o = PlanOverrides.NONE;
        if (base != null) {
            o = o.withBaseNumFeatures(base);
        }
        if (pools != null) {
            o = o.withMaxNumPool(pools);
        }
        if (batch != null) {
            o = o.withBatchSize(batch);
        }
        if (patch != null) {
            o = o.withPatchSize(patch);
        }
        if (lowresSpacing != null) {
            o = o.withForcedLowres(lowresSpacing, null);
        }
        return o;
    }
}
