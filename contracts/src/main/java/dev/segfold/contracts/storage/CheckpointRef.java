package dev.segfold.contracts.storage;

/**
 * Where a checkpoint lies, as read back from a manifest key by
 * {@link CheckpointLayout#parseManifestKey(String)}.
 */
public record CheckpointRef(String runId, String configuration, int fold, int iteration) {

    /** Validates every part the way the layout does. */
    public CheckpointRef {
        layout(runId, configuration, fold, iteration);
    }

    /** The layout of this checkpoint. */
    public CheckpointLayout layout() {
        return layout(runId, configuration, fold, iteration);
    }

    private static CheckpointLayout layout(String runId, String configuration, int fold, int iteration) {
        return RunLayout.of(runId).checkpoint(configuration, fold, iteration);
    }
}
