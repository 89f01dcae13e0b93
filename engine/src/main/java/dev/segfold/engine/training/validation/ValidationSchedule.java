package dev.segfold.engine.training.validation;

/**
 * When and how much a fold validates while it trains (nnU-Net v2's {@code num_iterations_per_epoch}
 * and {@code num_val_iterations_per_epoch}). Part of the training configuration and so of the
 * config digest: the best checkpoint is an output of the fold, and a resume with another epoch
 * length would continue a moving average of other epochs.
 *
 * @param epochIterations training iterations between validations (nnU-Net: 250); the last
 *     iteration validates too when the count is not a multiple
 * @param batches validation batches per epoch (nnU-Net: 50); 0 = no validation during training
 */
public record ValidationSchedule(int epochIterations, int batches) {
    /** nnU-Net v2's epoch: 250 training iterations. */
    public static final int NNUNET_EPOCH_ITERATIONS = 250;
    /** nnU-Net v2's 50 validation batches an epoch. */
    public static final int NNUNET_BATCHES = 50;

    public ValidationSchedule {
        if (epochIterations < 1) {
            throw new IllegalArgumentException("epochIterations must be >= 1, got " + epochIterations);
        }
        if (batches < 0) {
            throw new IllegalArgumentException("validation batches must not be negative, got " + batches);
        }
    }

    /** Whether validation runs at all. */
    public boolean enabled() {
        return batches > 0;
    }

    /** Whether the fold validates after {@code iteration} of {@code total}. */
    public boolean validatesAfter(int iteration, int total) {
        return enabled() && (iteration % epochIterations == 0 || iteration == total);
    }

    /** Validations completed before a run resumed at {@code iteration} (whole epochs only). */
    public int epochsBefore(int iteration) {
        return iteration / epochIterations;
    }
}
