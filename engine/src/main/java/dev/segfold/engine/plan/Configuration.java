package dev.segfold.engine.plan;

import java.util.Arrays;

/**
 * nnU-Net's names for what to train from a set of 3D plans: {@code 3d_fullres} is the last stage,
 * {@code 3d_lowres} stage 0 and {@code 3d_cascade_fullres} stage 1 of two-stage plans (the
 * cascade's second network, fed the low-res prediction).
 */
public enum Configuration {
    FULLRES_3D("3d_fullres"),
    LOWRES_3D("3d_lowres"),
    CASCADE_FULLRES_3D("3d_cascade_fullres");

    private final String id;

    Configuration(String id) {
        this.id = id;
    }

    /** The name nnU-Net uses, e.g. {@code "3d_fullres"}. */
    public String id() {
        return id;
    }

    /** Whether this configuration exists for plans with {@code numStages} stages. */
    public boolean availableFor(int numStages) {
        return this == FULLRES_3D || numStages == 2;
    }

    /**
     * The stage index this configuration trains on.
     *
     * @throws IllegalArgumentException for low-res or cascade on single-stage plans
     */
    public int stageIndex(int numStages) {
        if (!availableFor(numStages)) {
            throw new IllegalArgumentException(id + " needs plans with a low-res stage; these plans have "
                    + numStages + " stage(s), so only 3d_fullres exists");
        }
        return switch (this) {
            case FULLRES_3D -> numStages - 1;
            case LOWRES_3D -> 0;
            case CASCADE_FULLRES_3D -> 1;
        };
    }

    /** Parses nnU-Net's name. */
    public static Configuration fromId(String id) {
        return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown configuration \"" + id + "\"; expected one of "
                        + Arrays.stream(values()).map(Configuration::id).toList()));
    }

    @Override
    public String toString() {
        return id;
    }
}
