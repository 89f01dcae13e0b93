package dev.segfold.trainer.service;

import dev.segfold.contracts.storage.RunLayout;

/**
 * The cancel marker of a run: the config-service's {@code DELETE /runs/{id}} writes the object
 * {@code <run>/cancel} in the runs bucket, and every trainer of the run stops when it sees it.
 */
public final class CancelMarkers {
    /** The marker's name under the run prefix. */
    public static final String NAME = "cancel";

    private CancelMarkers() {
    }

    /** {@code <run>/cancel}. */
    public static String key(String runId) {
        return RunLayout.of(runId).prefix() + NAME;
    }
}
