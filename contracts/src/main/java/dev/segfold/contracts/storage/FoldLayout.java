package dev.segfold.contracts.storage;

/**
 * Object keys of one fold: {@code <run>/<configuration>/fold<k>/}, with its checkpoints
 * ({@code iter_<n>/}) and its validation output ({@code validation/}).
 */
public final class FoldLayout {

    /** The largest fold number accepted; K-fold with K up to 100. */
    public static final int MAX_FOLD = 99;

    private final RunLayout run;
    private final String configuration;
    private final int fold;

    FoldLayout(RunLayout run, String configuration, int fold) {
        this.run = run;
        this.configuration = KeySegments.require("configuration", configuration);
        this.fold = requireFold(fold);
    }

    /** The run this fold belongs to. */
    public RunLayout run() {
        return run;
    }

    /** The configuration, e.g. {@code 3d_lowres}. */
    public String configuration() {
        return configuration;
    }

    /** The fold number. */
    public int fold() {
        return fold;
    }

    /** {@code <run>/<configuration>/fold<k>/}. */
    public String prefix() {
        return run.prefix() + configuration + "/fold" + fold + "/";
    }

    /**
     * {@code <run>/<configuration>/fold<k>/trainer.lease}: who trains the fold, written and renewed
     * by the trainer-service (holder, generation, renewedAt, expiresAt); the config-service reads it
     * to show a fold whose trainer is gone as stalled.
     */
    public String trainerLease() {
        return prefix() + "trainer.lease";
    }

    /** The keys of the checkpoint written at {@code iteration}. */
    public CheckpointLayout checkpoint(int iteration) {
        return new CheckpointLayout(this, iteration);
    }

    /**
     * The keys of the fold's best checkpoint, {@code <run>/<configuration>/fold<k>/best/}, written at
     * {@code iteration}: one folder, replaced whenever the validation average improves.
     */
    public CheckpointLayout best(int iteration) {
        return new CheckpointLayout(this, iteration, CheckpointLayout.BEST_FOLDER);
    }

    /** {@code <run>/<configuration>/fold<k>/best/checkpoint.json}. */
    public String bestManifest() {
        return prefix() + CheckpointLayout.BEST_FOLDER + "/" + CheckpointLayout.MANIFEST;
    }

    /** {@code <run>/<configuration>/fold<k>/validation/}. */
    public String validationPrefix() {
        return prefix() + "validation/";
    }

    /** {@code .../validation/summary.json}: Dice per class and case. */
    public String validationSummary() {
        return validationPrefix() + "summary.json";
    }

    /** {@code .../validation/postprocessing.json}: the postprocessing choice. */
    public String postprocessing() {
        return validationPrefix() + "postprocessing.json";
    }

    /** {@code .../validation/<case>.nii.gz}: the predicted validation segmentation. */
    public String validationPrediction(String caseId) {
        return validationPrefix() + KeySegments.require("caseId", caseId) + RunLayout.NIFTI;
    }

    static int requireFold(int fold) {
        if (fold < 0 || fold > MAX_FOLD) {
            throw new IllegalArgumentException("fold " + fold + " is outside 0.." + MAX_FOLD);
        }
        return fold;
    }

    @Override
    public String toString() {
        return "FoldLayout[" + prefix() + "]";
    }
}
