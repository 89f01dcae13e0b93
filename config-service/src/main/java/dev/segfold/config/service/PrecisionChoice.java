package dev.segfold.config.service;

import dev.segfold.contracts.spec.Precision;

/**
 * How a run's precision was decided: what the request asked for, what the run trains and
 * predicts with, and why. Stored in {@code run.json} and answered by {@code POST /runs}.
 *
 * @param requested what the request said ({@code auto} when it said nothing)
 * @param resolved  fp32 or bf16
 * @param reason    why, for people (the hardware found, or "requested")
 */
public record PrecisionChoice(Precision requested, Precision resolved, String reason) {

    /** Checks that {@code resolved} is concrete and agrees with a concrete request. */
    public PrecisionChoice {
        if (!resolved.isResolved()) {
            throw new IllegalArgumentException("PrecisionChoice.resolved must be fp32 or bf16, got " + resolved);
        }
        if (requested.isResolved() && requested != resolved) {
            throw new IllegalArgumentException("PrecisionChoice: " + requested + " was requested, not " + resolved);
        }
    }
}
