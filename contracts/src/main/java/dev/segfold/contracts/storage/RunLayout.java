package dev.segfold.contracts.storage;

/**
 * Object keys of one run inside the runs bucket (DESIGN.md §4). Every name that goes into a key
 * is validated with {@link KeySegments}, so no key built here can leave {@code <run>/}.
 *
 * <pre>
 * &lt;run&gt;/run.json, plans.json
 * &lt;run&gt;/configs/&lt;configuration&gt;/nnunet_fold&lt;k&gt;.yml
 * &lt;run&gt;/&lt;configuration&gt;/fold&lt;k&gt;/...        see {@link FoldLayout}
 * &lt;run&gt;/&lt;configuration&gt;/next_stage/&lt;case&gt;.&lt;ext&gt;
 * &lt;run&gt;/ensemble/&lt;case&gt;.nii.gz
 * &lt;run&gt;/package/submission.zip, fold&lt;k&gt;.zip, &lt;configuration&gt;/fold&lt;k&gt;.zip
 * </pre>
 */
public final class RunLayout {

    /** Suffix of segmentation files, as in the MSD data sets. */
    public static final String NIFTI = ".nii.gz";

    private final String runId;

    private RunLayout(String runId) {
        this.runId = KeySegments.require("runId", runId);
    }

    /** The layout of run {@code runId}. */
    public static RunLayout of(String runId) {
        return new RunLayout(runId);
    }

    /** The run id, validated. */
    public String runId() {
        return runId;
    }

    /** {@code <run>/}: everything of this run. */
    public String prefix() {
        return runId + "/";
    }

    /** {@code <run>/run.json}: the request as accepted, with the resolved spec. */
    public String runJson() {
        return prefix() + "run.json";
    }

    /** {@code <run>/plans.json}: the experiment plans. */
    public String plans() {
        return prefix() + "plans.json";
    }

    /** {@code <run>/configs/<configuration>/nnunet_fold<k>.yml}: the generated per-fold config. */
    public String foldConfig(String configuration, int fold) {
        return prefix() + "configs/" + KeySegments.require("configuration", configuration)
                + "/nnunet_fold" + FoldLayout.requireFold(fold) + ".yml";
    }

    /** The keys of one fold of one configuration. */
    public FoldLayout fold(String configuration, int fold) {
        return new FoldLayout(this, configuration, fold);
    }

    /** Shortcut for {@code fold(configuration, fold).checkpoint(iteration)}. */
    public CheckpointLayout checkpoint(String configuration, int fold, int iteration) {
        return fold(configuration, fold).checkpoint(iteration);
    }

    /** {@code <run>/<configuration>/next_stage/}: low-res predictions for the cascade. */
    public String nextStagePrefix(String configuration) {
        return prefix() + KeySegments.require("configuration", configuration) + "/next_stage/";
    }

    /**
     * {@code <run>/<configuration>/next_stage/<case><extension>}.
     *
     * @param extension for example {@code ".nii.gz"} or {@code ".npz"}
     */
    public String nextStage(String configuration, String caseId, String extension) {
        return nextStagePrefix(configuration) + KeySegments.require("caseId", caseId)
                + requireExtension(extension);
    }

    /** {@code <run>/ensemble/}. */
    public String ensemblePrefix() {
        return prefix() + "ensemble/";
    }

    /** {@code <run>/ensemble/<case>.nii.gz}: the ensembled test-set segmentation. */
    public String ensemble(String caseId) {
        return ensemblePrefix() + KeySegments.require("caseId", caseId) + NIFTI;
    }

    /** {@code <run>/package/}. */
    /**
     * The cancel marker: {@code DELETE /runs/{id}} writes it, trainers poll for it. An object, not a
     * message, so a trainer that starts after the cancel still sees it.
     */
    public String cancelMarker() {
        return prefix() + "cancel";
    }

    public String packagePrefix() {
        return prefix() + "package/";
    }

    /** {@code <run>/package/submission.zip}. */
    public String submission() {
        return packagePrefix() + "submission.zip";
    }

    /** {@code <run>/package/fold<k>.zip}: one fold's bundle (weights, optimizer, postprocessing). */
    public String foldBundle(int fold) {
        return packagePrefix() + "fold" + FoldLayout.requireFold(fold) + ".zip";
    }

    /**
     * {@code <run>/package/<configuration>/fold<k>.zip}: the bundle of fold k of a stage other than
     * the run's final one, e.g. a cascade's {@code 3d_lowres} folds.
     */
    public String foldBundle(String configuration, int fold) {
        return packagePrefix() + KeySegments.require("configuration", configuration) + "/fold"
                + FoldLayout.requireFold(fold) + ".zip";
    }

    static String requireExtension(String extension) {
        if (extension == null || !extension.matches("(\\.[A-Za-z0-9]{1,16}){1,3}")) {
            throw new IllegalArgumentException("extension "
                    + (extension == null ? "is missing" : KeySegments.quote(extension)
                    + " must be like \".nii.gz\" or \".npz\""));
        }
        return extension;
    }

    @Override
    public String toString() {
        return "RunLayout[" + runId + "]";
    }
}
