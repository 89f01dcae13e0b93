package dev.segfold.engine.training;

/**
 * How a run reports and saves, apart from what it computes (so changing them never blocks a resume).
 *
 * @param logInterval iterations between progress reports (PaddleSeg's --log_iters)
 * @param checkpointInterval iterations between checkpoints (--save_interval); the final one is always written
 * @param keepCheckpoints newest non-final checkpoints kept on disk, 0 = all (--keep_checkpoint_max)
 */
public record TrainerOptions(int logInterval, int checkpointInterval, int keepCheckpoints) {
    public TrainerOptions {
        if (logInterval < 1 || checkpointInterval < 1) {
            throw new IllegalArgumentException("logInterval and checkpointInterval must be >= 1");
        }
    }

    public static TrainerOptions defaults() {
        return new TrainerOptions(20, 1000, 5);
    }
}
