package dev.segfold.engine.cli;

import dev.segfold.engine.hardware.NativeBf16;
import dev.segfold.engine.network.Precision;

/** {@code --precision auto|fp32|bf16} as the commands take it: auto is bf16 where it is native here. */
final class PrecisionOption {
    private PrecisionOption() {
    }

    static Precision resolve(String value) {
        return switch (value) {
            case "fp32" -> Precision.FP32;
            case "bf16" -> Precision.BF16;
            case "auto" -> {
                NativeBf16 found = NativeBf16.detect();
                Precision p = found.bf16() ? Precision.BF16 : Precision.FP32;
                System.err.printf("[segfold] precision auto: %s (%s)%n", p.name().toLowerCase(), found.reason());
                yield p;
            }
            default -> throw new IllegalArgumentException("--precision must be auto, fp32 or bf16, got '" + value + "'");
        };
    }
}
