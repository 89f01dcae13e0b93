package dev.segfold.contracts.storage;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Object keys of one checkpoint: {@code <run>/<configuration>/fold<k>/iter_<n>/} with
 * {@code model.params}, {@code optimizer.params} and, written last, {@code checkpoint.json}.
 */
public final class CheckpointLayout {

    /** The manifest's file name; bucket notifications are filtered on this suffix. */
    public static final String MANIFEST = "checkpoint.json";
    /** The network weights. */
    public static final String MODEL_PARAMS = "model.params";
    /** The optimizer state (momentum buffers), needed to resume. */
    public static final String OPTIMIZER_PARAMS = "optimizer.params";

    private static final Pattern MANIFEST_KEY =
            Pattern.compile("([^/]+)/([^/]+)/fold(\\d{1,2})/iter_(\\d{1,9})/" + Pattern.quote(MANIFEST));

    /** Folder of a fold's best checkpoint (nnU-Net v2's {@code checkpoint_best}). */
    public static final String BEST_FOLDER = "best";

    private final FoldLayout fold;
    private final int iteration;
    private final String folder;

    CheckpointLayout(FoldLayout fold, int iteration) {
        this(fold, iteration, "iter_" + iteration);
    }

    CheckpointLayout(FoldLayout fold, int iteration, String folder) {
        if (iteration < 0) {
            throw new IllegalArgumentException("iteration " + iteration + " is negative");
        }
        this.fold = fold;
        this.iteration = iteration;
        this.folder = folder;
    }

    /** The fold this checkpoint belongs to. */
    public FoldLayout fold() {
        return fold;
    }

    /** The training iteration at which it was written. */
    public int iteration() {
        return iteration;
    }

    /** {@code <run>/<configuration>/fold<k>/iter_<n>/}. */
    public String prefix() {
        return fold.prefix() + folder + "/";
    }

    /** {@code .../iter_<n>/checkpoint.json}. */
    public String manifest() {
        return prefix() + MANIFEST;
    }

    /** {@code .../iter_<n>/model.params}. */
    public String modelParams() {
        return prefix() + MODEL_PARAMS;
    }

    /** {@code .../iter_<n>/optimizer.params}. */
    public String optimizerParams() {
        return prefix() + OPTIMIZER_PARAMS;
    }

    /** {@code .../iter_<n>/<name>} for another file listed in the manifest. */
    public String file(String name) {
        return prefix() + KeySegments.require("file name", name);
    }

    /**
     * Recognizes a manifest key in the runs bucket, as it arrives in a bucket notification.
     *
     * @return the checkpoint's coordinates, or empty if the key is not a valid manifest key
     */
    public static Optional<CheckpointRef> parseManifestKey(String key) {
        if (key == null) {
            return Optional.empty();
        }
        Matcher m = MANIFEST_KEY.matcher(key);
        if (!m.matches()) {
            return Optional.empty();
        }
        String runId = m.group(1);
        String configuration = m.group(2);
        if (!KeySegments.isValid(runId) || !KeySegments.isValid(configuration)) {
            return Optional.empty();
        }
        return Optional.of(new CheckpointRef(runId, configuration,
                Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4))));
    }

    @Override
    public String toString() {
        return "CheckpointLayout[" + prefix() + "]";
    }
}
