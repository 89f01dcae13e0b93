package dev.segfold.contracts.spec;

/**
 * Every default and limit of a run, in one place. Values are PaddleSeg MedicalSeg's where it has
 * one (its nnU-Net configs and {@code train.py} flags, REFERENCE-nnunet.md §8), nnU-Net v1's
 * otherwise.
 *
 * <table>
 * <caption>Defaults</caption>
 * <tr><th>field</th><th>default</th><th>source</th></tr>
 * <tr><td>configuration</td><td>3d_fullres</td><td>nnU-Net's usual first choice</td></tr>
 * <tr><td>folds</td><td>0..4 minus the imported ones</td><td>5-fold cross-validation</td></tr>
 * <tr><td>iterations</td><td>3d_fullres 30000, 3d_lowres 50000 (also stage 0 of a cascade),
 *     3d_cascade_fullres 100000 (its stage 1)</td><td>PaddleSeg configs</td></tr>
 * <tr><td>saveInterval</td><td>1000</td><td>train.py --save_interval</td></tr>
 * <tr><td>logInterval</td><td>100</td><td>train.py --log_iters</td></tr>
 * <tr><td>keepCheckpoints</td><td>5</td><td>train.py --keep_checkpoint_max</td></tr>
 * <tr><td>seed</td><td>12345</td><td>nnU-Net's split seed, reused</td></tr>
 * <tr><td>precision</td><td>auto: bf16 where the CPU has AMX-BF16 or AVX512-BF16 (or a CUDA device), else fp32</td><td>train.py --precision, decided by hardware</td></tr>
 * <tr><td>batchSize, network</td><td>as planned</td><td>PaddleSeg ignores batch_size too</td></tr>
 * <tr><td>lr, power, momentum, weight decay</td><td>0.01, 0.9, 0.99, 3e-5</td><td>configs</td></tr>
 * <tr><td>gradient clip norm</td><td>12</td><td>nnU-Net v1 (PaddleSeg has none)</td></tr>
 * <tr><td>batchDice</td><td>as planned</td><td>nnU-Net v1: by configuration and plans</td></tr>
 * <tr><td>postprocessing</td><td>on</td><td>nnU-Net determines it per fold</td></tr>
 * <tr><td>evaluateEveryCheckpoint</td><td>off: only the final checkpoint</td><td>train.py --do_eval off</td></tr>
 * <tr><td>epochIterations</td><td>250</td><td>nnU-Net v2's num_iterations_per_epoch</td></tr>
 * <tr><td>validationBatches</td><td>50</td><td>nnU-Net v2's num_val_iterations_per_epoch</td></tr>
 * </table>
 */
public final class SpecDefaults {

    /** Folds of nnU-Net's cross-validation: 0..4. */
    public static final int FOLD_COUNT = 5;
    /** The configuration of a request that names none. */
    public static final Configuration CONFIGURATION = Configuration.FULLRES_3D;
    /** PaddleSeg's iterations of its 2d and 3d_fullres configs. */
    public static final int FULLRES_ITERATIONS = 30_000;
    /** PaddleSeg's iterations of its 3d_lowres configs. */
    public static final int LOWRES_ITERATIONS = 50_000;
    /** PaddleSeg's iterations of its cascade full-resolution configs. */
    public static final int CASCADE_FULLRES_ITERATIONS = 100_000;
    /** Iterations between checkpoints. */
    public static final int SAVE_INTERVAL = 1000;
    /** Iterations between progress events. */
    public static final int LOG_INTERVAL = 100;
    /** Newest non-final checkpoints kept per fold. */
    public static final int KEEP_CHECKPOINTS = 5;
    /** Seed of weights, sampling and augmentation. */
    public static final long SEED = 12345;
    /** Arithmetic. */
    public static final Precision PRECISION = Precision.AUTO;
    /** Initial learning rate of the poly schedule. */
    public static final double LEARNING_RATE = 0.01;
    /** Exponent of the poly schedule. */
    public static final double POLY_POWER = 0.9;
    /** Nesterov momentum. */
    public static final double MOMENTUM = 0.99;
    /** Coupled L2 weight decay. */
    public static final double WEIGHT_DECAY = 3e-5;
    /** Global gradient-norm cap; 0 turns clipping off as in PaddleSeg. */
    public static final double GRADIENT_CLIP_NORM = 12;
    /** Whether postprocessing (largest connected component) is determined and applied. */
    public static final boolean POSTPROCESSING = true;
    /** Whether every checkpoint is evaluated, not only the final one. */
    public static final boolean EVALUATE_EVERY_CHECKPOINT = false;

    /** Training iterations between validations during training (nnU-Net v2's epoch). */
    public static final int EPOCH_ITERATIONS = 250;
    /** Validation batches an epoch (nnU-Net v2's 50); 0 turns validation during training off. */
    public static final int VALIDATION_BATCHES = 50;
    /** Upper bound on validation batches an epoch. */
    public static final int MAX_VALIDATION_BATCHES = 10_000;

    /** Upper bound on iterations of one stage (nnU-Net v1 trains 250 000). */
    public static final int MAX_ITERATIONS = 1_000_000;
    /** Upper bound on a batch-size override. */
    public static final int MAX_BATCH_SIZE = 256;
    /** Upper bound on the base-features override (nnU-Net caps 3D features at 320). */
    public static final int MAX_BASE_FEATURES = 320;
    /** Upper bound on the max-pools override. */
    public static final int MAX_POOLS = 8;
    /** Upper bound on one patch edge override. */
    public static final int MAX_PATCH_EDGE = 1024;
    /** Upper bound on the length of a run name. */
    public static final int MAX_NAME_LENGTH = 128;

    private SpecDefaults() {
    }

    /** Default iterations of a stage that trains {@code configuration}. */
    public static int iterations(Configuration configuration) {
        return switch (configuration) {
            case FULLRES_3D -> FULLRES_ITERATIONS;
            case LOWRES_3D -> LOWRES_ITERATIONS;
            case CASCADE_FULLRES_3D -> CASCADE_FULLRES_ITERATIONS;
        };
    }
}
