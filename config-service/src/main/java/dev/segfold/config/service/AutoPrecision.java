package dev.segfold.config.service;

import dev.segfold.config.config.ConfigServiceSettings;
import dev.segfold.contracts.spec.Precision;
import dev.segfold.engine.hardware.NativeBf16;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Decides precision {@code auto} once per run, when it is accepted (see
 * {@link ConfigServiceSettings#autoPrecision()}): every fold of the run then trains, validates
 * and predicts in the same arithmetic, whichever trainer picks it up, and a fold resumed elsewhere
 * keeps its config digest.
 */
@ApplicationScoped
public class AutoPrecision {
    private final String policy;
    private final Supplier<NativeBf16> hardware;

    @Inject
    public AutoPrecision(ConfigServiceSettings settings) {
        this(settings.autoPrecision(), NativeBf16::detect);
    }

    AutoPrecision(String policy, Supplier<NativeBf16> hardware) {
        this.policy = policy.trim().toLowerCase(Locale.ROOT);
        if (!this.policy.equals("detect") && Precision.find(this.policy).filter(Precision::isResolved).isEmpty()) {
            throw new IllegalArgumentException("segfold.config.auto-precision is \"" + policy
                    + "\"; expected detect, fp32 or bf16");
        }
        this.hardware = hardware;
    }

    /** What a run that asked for {@code requested} computes with. */
    public PrecisionChoice choose(Precision requested) {
        if (requested.isResolved()) {
            return new PrecisionChoice(requested, requested, "requested");
        }
        if (!policy.equals("detect")) {
            return new PrecisionChoice(requested, Precision.fromId(policy),
                    "segfold.config.auto-precision=" + policy);
        }
        NativeBf16 found = hardware.get();
        return new PrecisionChoice(requested, found.bf16() ? Precision.BF16 : Precision.FP32,
                (found.bf16() ? "native bf16: " : "fp32: ") + found.reason());
    }
}
