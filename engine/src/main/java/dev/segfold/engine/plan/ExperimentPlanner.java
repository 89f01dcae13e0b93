package dev.segfold.engine.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link DatasetFingerprint} into {@link Plans} as nnU-Net v1's
 * {@code ExperimentPlanner3D_v21.plan_experiment} does: target spacing, axis order, median shape,
 * the full-resolution stage, and a low-res stage for the cascade when a median case is much larger
 * than one patch. {@link PlanOverrides} then adapt the result for small machines.
 */
public final class ExperimentPlanner {
    /** nnU-Net's preprocessor, named in the plans for readers. */
    public static final String PREPROCESSOR_NAME = "GenericPreprocessor";

    private final PlannerSettings settings;

    public ExperimentPlanner() {
        this(PlannerSettings.v21());
    }

    public ExperimentPlanner(PlannerSettings settings) {
        this.settings = settings;
    }

    /** The plans nnU-Net would make. */
    public Plans plan(DatasetFingerprint fingerprint) {
        return plan(fingerprint, PlanOverrides.NONE);
    }

    /**
     * Plans with overrides. Base features and the pool cap are planning inputs. The low-res
     * decision is taken on the full-resolution patch nnU-Net plans, so a patch override changes
     * the patch, not the number of stages; the forced low-res stage and the batch override apply
     * last.
     */
    public Plans plan(DatasetFingerprint fingerprint, PlanOverrides overrides) {
        PlannerSettings s = overrides.applyTo(settings);
        List<double[]> spacings = fingerprint.allSpacings();
        List<int[]> sizes = fingerprint.allSizes();
        int numModalities = fingerprint.numModalities();
        int numCases = fingerprint.numCases();

        double[] target = TargetSpacing.of(spacings, sizes, s);
        double[][] newShapes = new double[numCases][3];
        for (int c = 0; c < numCases; c++) {
            for (int i = 0; i < 3; i++) {
                newShapes[c][i] = spacings.get(c)[i] / target[i] * sizes.get(c)[i];
            }
        }
        int[] forward = transposeForward(target);
        int[] backward = new int[3];
        for (int i = 0; i < 3; i++) {
            backward[forward[i]] = i;
        }
        double[] median = NumpyMath.medianPerAxis(newShapes);
        double[] targetT = permute(target, forward);
        double[] medianT = permute(median, forward);

        StagePlanner stages = new StagePlanner(s, numCases, numModalities, fingerprint.allClasses().size() + 1);
        StagePlan fullres = stages.plan(targetT, targetT, medianT);
        StagePlan lowres = lowresStage(stages, fullres, target, median, forward, targetT, medianT, s);

        if (overrides.patchSize() != null) {
            fullres = stages.planWithPatch(targetT, targetT, medianT, overrides.patchSize());
        }
        if (overrides.forcedLowres() != null) {
            PlanOverrides.ForcedLowres f = overrides.forcedLowres();
            double[] spT = permute(f.spacing(), forward);
            lowres = f.patchSize() == null
                    ? stages.plan(spT, targetT, medianT)
                    : stages.planWithPatch(spT, targetT, medianT, f.patchSize());
        }
        List<StagePlan> list = new ArrayList<>();
        if (lowres != null) {
            list.add(lowres);
        }
        list.add(fullres);
        if (overrides.batchSize() != null) {
            list.replaceAll(p -> p.withBatchSize(overrides.batchSize()));
        }

        Map<Integer, String> modalities = fingerprint.modalities();
        Map<Integer, NormalizationScheme> schemes = new LinkedHashMap<>();
        Map<Integer, Boolean> useMask = new LinkedHashMap<>();
        double medianReduction = NumpyMath.median(
                fingerprint.sizeReductions().values().stream().mapToDouble(Double::doubleValue).toArray());
        for (int i = 0; i < numModalities; i++) {
            String m = modalities.get(i);
            schemes.put(i, NormalizationScheme.forModality(m));
            // nnU-Net tests "CT" as a substring here, unlike the scheme rule above
            useMask.put(i, !m.contains("CT") && medianReduction < 3 / 4.);
        }
        Map<Integer, StagePlan> perStage = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            perStage.put(i, list.get(i));
        }
        return new Plans(modalities, schemes, useMask, fingerprint.allClasses(), s.baseNumFeatures(), forward,
                backward, s.dataIdentifier(), perStage, s.convPerStage(), PREPROCESSOR_NAME, fingerprint);
    }

    /**
     * Grows the spacing by 1% per step (only the finer axes while some axis is more than twice as
     * fine as the coarsest) until a median case is at most 4 patches, re-planning each step; keeps
     * the result only if it halves the voxels of the full-resolution median.
     */
    private static StagePlan lowresStage(StagePlanner stages, StagePlan fullres, double[] target, double[] median,
            int[] forward, double[] targetT, double[] medianT, PlannerSettings s) {
        double ratio = s.lowresPatientToPatchRatio();
        long patchVoxels = NumpyMath.prod(fullres.patchSize());
        if (NumpyMath.prod(median) / patchVoxels < ratio) {
            return null;
        }
        double[] spacing = target.clone();
        double numVoxels = NumpyMath.prod(median);
        StagePlan lowres = null;
        while (numVoxels > ratio * patchVoxels) {
            double maxSpacing = max(spacing);
            boolean[] grow = new boolean[3];
            boolean any = false;
            for (int i = 0; i < 3; i++) {
                grow[i] = maxSpacing / spacing[i] > 2;
                any |= grow[i];
            }
            for (int i = 0; i < 3; i++) {
                if (grow[i] || !any) {
                    spacing[i] *= 1.01;
                }
            }
            double[] voxels = new double[3];
            for (int i = 0; i < 3; i++) {
                voxels[i] = target[i] / spacing[i] * median[i];
            }
            numVoxels = NumpyMath.prod(voxels);
            lowres = stages.plan(permute(spacing, forward), targetT, medianT);
            patchVoxels = NumpyMath.prod(lowres.patchSize());
        }
        if (lowres != null
                && 2 * NumpyMath.prod(lowres.medianPatientSizeInVoxels())
                        < NumpyMath.prod(fullres.medianPatientSizeInVoxels())) {
            return lowres;
        }
        return null;
    }

    /** The coarsest-spacing axis first, the others in order. */
    static int[] transposeForward(double[] target) {
        int worst = NumpyMath.argmax(target);
        int[] forward = new int[3];
        forward[0] = worst;
        int k = 1;
        for (int i = 0; i < 3; i++) {
            if (i != worst) {
                forward[k++] = i;
            }
        }
        return forward;
    }

    private static double[] permute(double[] v, int[] order) {
        double[] out = new double[order.length];
        for (int i = 0; i < order.length; i++) {
            out[i] = v[order[i]];
        }
        return out;
    }

    private static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            m = Math.max(m, x);
        }
        return m;
    }
}
