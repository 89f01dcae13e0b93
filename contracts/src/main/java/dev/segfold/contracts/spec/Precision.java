package dev.segfold.contracts.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Arithmetic of training and inference, as the engine offers it: float32, or bfloat16
 * convolutions with float32 master weights (the CPU counterpart of PaddleSeg's
 * {@code --precision fp16}), or {@link #AUTO}: bf16 where the hardware computes it natively
 * (AMX-BF16 or AVX512-BF16, or a CUDA device), fp32 elsewhere. A run's {@code auto} is resolved
 * once, when the run is accepted; folds, checkpoints and inference only ever see fp32 or bf16.
 */
public enum Precision {
    FP32("fp32"),
    BF16("bf16"),
    AUTO("auto");

    private final String id;

    Precision(String id) {
        this.id = id;
    }

    /** The lower-case name used in JSON and query parameters. */
    @JsonValue
    public String id() {
        return id;
    }

    /** Every name, for messages. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(Precision::id).toList();
    }

    /** The precision named {@code id} (case-insensitive), if any. */
    public static Optional<Precision> find(String id) {
        return Arrays.stream(values()).filter(p -> p.id.equalsIgnoreCase(id)).findFirst();
    }

    /** Parses the name (the JSON creator). */
    @JsonCreator
    public static Precision fromId(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException(
                "unknown precision \"" + id + "\"; expected one of " + ids()));
    }

    /** Whether this is a concrete arithmetic (not {@link #AUTO}, which is decided per run). */
    public boolean isResolved() {
        return this != AUTO;
    }

    @Override
    public String toString() {
        return id;
    }
}
