package dev.segfold.contracts.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a run trains, by nnU-Net's names. {@code 3d_cascade_fullres} is a two-stage run: stage 0
 * trains {@code 3d_lowres}, whose next-stage predictions feed stage 1, the full-resolution network.
 */
public enum Configuration {
    FULLRES_3D("3d_fullres"),
    LOWRES_3D("3d_lowres"),
    CASCADE_FULLRES_3D("3d_cascade_fullres");

    private final String id;

    Configuration(String id) {
        this.id = id;
    }

    /** nnU-Net's name, e.g. {@code "3d_fullres"}; also the JSON form and the storage prefix. */
    @JsonValue
    public String id() {
        return id;
    }

    /** Whether the run has a second, cascade stage fed by low-res predictions. */
    public boolean isCascade() {
        return this == CASCADE_FULLRES_3D;
    }

    /** The configuration trained first: {@code 3d_lowres} for a cascade, else this one. */
    public Configuration firstStage() {
        return isCascade() ? LOWRES_3D : this;
    }

    /** Every name, for messages. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(Configuration::id).toList();
    }

    /** The configuration named {@code id}, if any. */
    public static Optional<Configuration> find(String id) {
        return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst();
    }

    /**
     * Parses nnU-Net's name (the JSON creator).
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    @JsonCreator
    public static Configuration fromId(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException(
                "unknown configuration \"" + id + "\"; expected one of " + ids()));
    }

    @Override
    public String toString() {
        return id;
    }
}
