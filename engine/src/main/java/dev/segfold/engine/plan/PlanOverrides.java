package dev.segfold.engine.plan;

import java.util.Arrays;
import java.util.Objects;

/**
 * Departures from nnU-Net's plans for small machines and tests: a thinner network, fewer pools, a
 * fixed batch or patch, or a forced low-res stage (nnU-Net v2's integration test adds one to
 * Hippocampus at 2 mm, which plans to a 20x28x20 patch). Null means "as planned".
 *
 * @param baseNumFeatures feature maps of the first stage; planned with it, like nnU-Net's own setting
 * @param maxNumPool cap on pooling steps per axis; planned with it
 * @param batchSize batch for every stage, replacing the planned one
 * @param patchSize patch of the full-resolution stage (transposed axis order), replacing the
 *     planned one; must divide by 2^pools on every axis
 * @param forcedLowres a low-res stage to plan even where nnU-Net would plan none (it replaces a
 *     planned one)
 */
public record PlanOverrides(
        Integer baseNumFeatures, Integer maxNumPool, Integer batchSize, int[] patchSize, ForcedLowres forcedLowres) {

    /** Plans exactly as nnU-Net does. */
    public static final PlanOverrides NONE = new PlanOverrides(null, null, null, null, null);

    public PlanOverrides {
        if (batchSize != null && batchSize < 1) {
            throw new IllegalArgumentException("batch size override must be >= 1, got " + batchSize);
        }
        if (patchSize != null) {
            patchSize = patchSize.clone();
            if (patchSize.length != 3 || Arrays.stream(patchSize).anyMatch(p -> p < 1)) {
                throw new IllegalArgumentException("patch size override needs 3 positive edges, got "
                        + Arrays.toString(patchSize));
            }
        }
    }

    /**
     * A low-res stage at a chosen spacing.
     *
     * @param spacing the stage's spacing in mm, (z, y, x) in the data's own axis order
     * @param patchSize its patch (transposed axis order), or null to plan it
     */
    public record ForcedLowres(double[] spacing, int[] patchSize) {
        public ForcedLowres {
            if (spacing == null || spacing.length != 3 || Arrays.stream(spacing).anyMatch(s -> !(s > 0))) {
                throw new IllegalArgumentException("forced low-res spacing needs 3 positive values, got "
                        + Arrays.toString(spacing));
            }
            spacing = spacing.clone();
            patchSize = patchSize == null ? null : patchSize.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ForcedLowres f && Arrays.equals(spacing, f.spacing) && Arrays.equals(patchSize, f.patchSize);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(spacing) + Arrays.hashCode(patchSize);
        }

        @Override
        public String toString() {
            return "ForcedLowres[spacing " + Arrays.toString(spacing) + ", patch " + Arrays.toString(patchSize) + "]";
        }
    }

    /** Whether the network's width and batch are left as planned: a time budget may then choose them. */
    public boolean leavesNetworkOpen() {
        return baseNumFeatures == null && batchSize == null;
    }

    public PlanOverrides withBaseNumFeatures(int base) {
        return new PlanOverrides(base, maxNumPool, batchSize, patchSize, forcedLowres);
    }

    public PlanOverrides withMaxNumPool(int pools) {
        return new PlanOverrides(baseNumFeatures, pools, batchSize, patchSize, forcedLowres);
    }

    public PlanOverrides withBatchSize(int batch) {
        return new PlanOverrides(baseNumFeatures, maxNumPool, batch, patchSize, forcedLowres);
    }

    public PlanOverrides withPatchSize(int... patch) {
        return new PlanOverrides(baseNumFeatures, maxNumPool, batchSize, patch, forcedLowres);
    }

    public PlanOverrides withForcedLowres(double[] spacing, int[] patch) {
        return new PlanOverrides(baseNumFeatures, maxNumPool, batchSize, patchSize, new ForcedLowres(spacing, patch));
    }

    /** The planner settings with this override's network knobs applied. */
    public PlannerSettings applyTo(PlannerSettings settings) {
        PlannerSettings s = settings;
        if (baseNumFeatures != null) {
            s = s.withBaseNumFeatures(baseNumFeatures);
        }
        if (maxNumPool != null) {
            s = s.withMaxNumPool(maxNumPool);
        }
        return s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PlanOverrides p && Objects.equals(baseNumFeatures, p.baseNumFeatures)
                && Objects.equals(maxNumPool, p.maxNumPool) && Objects.equals(batchSize, p.batchSize)
                && Arrays.equals(patchSize, p.patchSize) && Objects.equals(forcedLowres, p.forcedLowres);
    }

    @Override
    public int hashCode() {
        return Objects.hash(baseNumFeatures, maxNumPool, batchSize, Arrays.hashCode(patchSize), forcedLowres);
    }

    @Override
    public String toString() {
        return "PlanOverrides[base " + baseNumFeatures + ", maxPool " + maxNumPool + ", batch " + batchSize
                + ", patch " + Arrays.toString(patchSize) + ", " + forcedLowres + "]";
    }
}
