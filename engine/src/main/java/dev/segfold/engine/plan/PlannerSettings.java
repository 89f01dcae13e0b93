package dev.segfold.engine.plan;

/**
 * The constants of nnU-Net's 3D experiment planner (REFERENCE-nnunet.md §2), gathered so a
 * reader sees every knob in one place and a CPU run can change the two that are meant to change
 * ({@link #withBaseNumFeatures}, {@link #withMaxNumPool}).
 *
 * @param baseNumFeatures feature maps of the first stage (v2.1: 32)
 * @param maxNumFilters cap on feature maps per stage (320)
 * @param maxNumPool cap on pooling steps per axis (999, i.e. none)
 * @param featureMapMinEdgeLength smallest bottleneck edge (4): an axis pools only while >= 2x this
 * @param minBatchSize the 5% cap never lowers the batch below this (2)
 * @param defaultBatchSize the batch that fits the VRAM reference (2)
 * @param anisotropyThreshold spacing ratio that counts as anisotropic (3)
 * @param lowresPatientToPatchRatio a low-res stage is planned while a patient exceeds this many patches (4)
 * @param batchCoversMaxFractionOfDataset a batch may cover at most this share of all voxels (0.05)
 * @param convPerStage convolutions per resolution (2)
 * @param targetSpacingPercentile percentile of the spacings taken as the target (50)
 * @param dataIdentifier names the preprocessed data these plans produce
 */
public record PlannerSettings(
        int baseNumFeatures,
        int maxNumFilters,
        int maxNumPool,
        int featureMapMinEdgeLength,
        int minBatchSize,
        int defaultBatchSize,
        double anisotropyThreshold,
        double lowresPatientToPatchRatio,
        double batchCoversMaxFractionOfDataset,
        int convPerStage,
        double targetSpacingPercentile,
        String dataIdentifier) {

    public PlannerSettings {
        if (baseNumFeatures < 1 || maxNumFilters < baseNumFeatures) {
            throw new IllegalArgumentException("base_num_features must be in [1, " + maxNumFilters + "], got "
                    + baseNumFeatures);
        }
        if (maxNumPool < 0) {
            throw new IllegalArgumentException("max number of pools must be >= 0, got " + maxNumPool);
        }
    }

    /** ExperimentPlanner3D_v21's values. */
    public static PlannerSettings v21() {
        return new PlannerSettings(32, 320, 999, 4, 2, 2, 3, 4, 0.05, 2, 50, "nnUNetData_plans_v2.1");
    }

    public PlannerSettings withBaseNumFeatures(int base) {
        return new PlannerSettings(base, maxNumFilters, maxNumPool, featureMapMinEdgeLength, minBatchSize,
                defaultBatchSize, anisotropyThreshold, lowresPatientToPatchRatio, batchCoversMaxFractionOfDataset,
                convPerStage, targetSpacingPercentile, dataIdentifier);
    }

    public PlannerSettings withMaxNumPool(int pools) {
        return new PlannerSettings(baseNumFeatures, maxNumFilters, pools, featureMapMinEdgeLength, minBatchSize,
                defaultBatchSize, anisotropyThreshold, lowresPatientToPatchRatio, batchCoversMaxFractionOfDataset,
                convPerStage, targetSpacingPercentile, dataIdentifier);
    }
}
