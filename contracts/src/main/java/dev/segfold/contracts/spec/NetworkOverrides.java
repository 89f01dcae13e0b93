package dev.segfold.contracts.spec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Departures from the planned network, for small machines and tests (the engine's plan
 * overrides). Each null means "as planned". Checked when a {@link RunRequest} is validated, so a
 * request carrying bad values can still be read and its problems listed together.
 *
 * @param baseFeatures feature maps of the first stage (nnU-Net: 32)
 * @param maxPools     at most this many poolings per axis
 * @param patch        patch size z, y, x of the trained stage
 */
public record NetworkOverrides(Integer baseFeatures, Integer maxPools, List<Integer> patch) {

    /** No override. */
    public static final NetworkOverrides NONE = new NetworkOverrides(null, null, null);

    /** Copies the patch, keeping null entries for validation to name. */
    public NetworkOverrides {
        patch = patch == null ? null : Collections.unmodifiableList(new ArrayList<>(patch));
    }

    /** Whether nothing is overridden. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isEmpty() {
        return baseFeatures == null && maxPools == null && patch == null;
    }
}
