package dev.segfold.contracts.spec;

import dev.segfold.contracts.storage.KeySegments;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A run after validation: everything the services need to train, evaluate and package it. Made
 * by {@link RunRequest#toSpec()} (a JSON request) or by the PaddleSeg YAML reader; stored in the
 * run's {@code run.json}. Defaults are in {@link SpecDefaults}.
 *
 * <p>For a {@code 3d_cascade_fullres} run, {@code folds}, {@code importedFolds} and
 * {@code iterations} describe stage 0 ({@code 3d_lowres}), and {@code cascadeFolds} and
 * {@code cascadeIterations} stage 1; see {@link #stages()}.
 *
 * @param name                    a name for people, e.g. {@code Task04_Hippocampus-3d_fullres}
 * @param dataset                 the data set in the data-set bucket
 * @param configuration           what the run produces
 * @param folds                   (stage-0) folds trained here, ascending
 * @param importedFolds           (stage-0) folds trained elsewhere, ascending, disjoint from {@code folds}
 * @param iterations              (stage-0) iterations per fold
 * @param cascadeFolds            stage-1 folds of a cascade, ascending; empty otherwise
 * @param cascadeIterations       stage-1 iterations of a cascade; 0 otherwise
 * @param batchSize               batch-size override, null as planned
 * @param saveInterval            iterations between checkpoints
 * @param logInterval             iterations between progress events
 * @param keepCheckpoints         newest non-final checkpoints kept per fold
 * @param seed                    seed of weights, sampling and augmentation
 * @param precision               arithmetic
 * @param network                 network overrides
 * @param recipe                  optimisation recipe
 * @param postprocessing          whether the largest-component postprocessing is determined and applied
 * @param evaluateEveryCheckpoint whether every checkpoint is evaluated, not only the final one
 * @param timeBudget              training time of each fold, null for a fixed count; with a budget
 *                                {@code iterations} and {@code cascadeIterations} are 0: each trainer
 *                                fits the count to the budget
 * @param epochIterations         training iterations between validations during training
 * @param validationBatches       validation batches an epoch; 0: no validation during training
 */
public record RunSpec(String name, String dataset, Configuration configuration, List<Integer> folds,
                      List<Integer> importedFolds, int iterations, List<Integer> cascadeFolds, int cascadeIterations,
                      Integer batchSize, int saveInterval, int logInterval, int keepCheckpoints, long seed,
                      Precision precision, NetworkOverrides network, TrainingRecipe recipe, boolean postprocessing,
                      boolean evaluateEveryCheckpoint, Duration timeBudget, Integer epochIterations,
                      Integer validationBatches) {

    /**
     * Checks the invariants again (a spec read back from {@code run.json} must hold them too);
     * validation of a request reports the same faults as problems with field paths first.
     */
    public RunSpec {
        KeySegments.require("RunSpec.name", name);
        KeySegments.require("RunSpec.dataset", dataset);
        Objects.requireNonNull(configuration, "RunSpec.configuration is missing");
        folds = sortedFolds("folds", folds);
        importedFolds = sortedFolds("importedFolds", importedFolds);
        cascadeFolds = sortedFolds("cascadeFolds", cascadeFolds);
        Set<Integer> both = new HashSet<>(folds);
        both.retainAll(importedFolds);
        if (!both.isEmpty()) {
            throw new IllegalArgumentException("RunSpec folds " + both + " are both trained and imported");
        }
        int least = timeBudget == null ? 1 : 0;
        if (timeBudget != null) {
            TimeBudgets.check(timeBudget);
            if (iterations != 0 || cascadeIterations != 0) {
                throw new IllegalArgumentException("RunSpec with a timeBudget has iterations and cascadeIterations 0, got "
                        + iterations + " and " + cascadeIterations);
            }
        }
        requireRange("iterations", iterations, least, SpecDefaults.MAX_ITERATIONS);
        if (configuration.isCascade()) {
            List<Integer> missing = missingStage0Folds(folds, importedFolds);
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("RunSpec of a cascade misses stage-0 folds " + missing);
            }
            requireRange("cascadeIterations", cascadeIterations, least, SpecDefaults.MAX_ITERATIONS);
        } else if (!cascadeFolds.isEmpty() || cascadeIterations != 0) {
            throw new IllegalArgumentException("RunSpec.cascadeFolds and cascadeIterations are only for "
                    + Configuration.CASCADE_FULLRES_3D.id());
        }
        if (batchSize != null) {
            requireRange("batchSize", batchSize, 1, SpecDefaults.MAX_BATCH_SIZE);
        }
        requireRange("saveInterval", saveInterval, 1, Integer.MAX_VALUE);
        requireRange("logInterval", logInterval, 1, Integer.MAX_VALUE);
        requireRange("keepCheckpoints", keepCheckpoints, 0, Integer.MAX_VALUE);
        Objects.requireNonNull(precision, "RunSpec.precision is missing");
        network = network == null ? NetworkOverrides.NONE : network;
        Objects.requireNonNull(recipe, "RunSpec.recipe is missing");
        // absent in a run.json written before validation during training existed
        epochIterations = epochIterations == null ? SpecDefaults.EPOCH_ITERATIONS : epochIterations;
        validationBatches = validationBatches == null ? SpecDefaults.VALIDATION_BATCHES : validationBatches;
        requireRange("epochIterations", epochIterations, 1, Integer.MAX_VALUE);
        requireRange("validationBatches", validationBatches, 0, SpecDefaults.MAX_VALIDATION_BATCHES);
    }

    /**
     * The same run with {@code auto} decided: what the config-service stores and sends once it
     * knows what the trainers compute with.
     *
     * @param resolved fp32 or bf16
     */
    public RunSpec withPrecision(Precision resolved) {
        if (!resolved.isResolved()) {
            throw new IllegalArgumentException("RunSpec.withPrecision needs fp32 or bf16, got " + resolved);
        }
        return new RunSpec(name, dataset, configuration, folds, importedFolds, iterations, cascadeFolds,
                cascadeIterations, batchSize, saveInterval, logInterval, keepCheckpoints, seed, resolved, network,
                recipe, postprocessing, evaluateEveryCheckpoint, timeBudget, epochIterations, validationBatches);
    }

    /** The same run with nnU-Net v2's validation schedule. */
    public RunSpec(String name, String dataset, Configuration configuration, List<Integer> folds,
                   List<Integer> importedFolds, int iterations, List<Integer> cascadeFolds, int cascadeIterations,
                   Integer batchSize, int saveInterval, int logInterval, int keepCheckpoints, long seed,
                   Precision precision, NetworkOverrides network, TrainingRecipe recipe, boolean postprocessing,
                   boolean evaluateEveryCheckpoint, Duration timeBudget) {
        this(name, dataset, configuration, folds, importedFolds, iterations, cascadeFolds, cascadeIterations, batchSize,
                saveInterval, logInterval, keepCheckpoints, seed, precision, network, recipe, postprocessing,
                evaluateEveryCheckpoint, timeBudget, SpecDefaults.EPOCH_ITERATIONS, SpecDefaults.VALIDATION_BATCHES);
    }

    /** The same run without a time budget (tests and tools that build a spec by hand). */
    public RunSpec(String name, String dataset, Configuration configuration, List<Integer> folds,
                   List<Integer> importedFolds, int iterations, List<Integer> cascadeFolds, int cascadeIterations,
                   Integer batchSize, int saveInterval, int logInterval, int keepCheckpoints, long seed,
                   Precision precision, NetworkOverrides network, TrainingRecipe recipe, boolean postprocessing,
                   boolean evaluateEveryCheckpoint) {
        this(name, dataset, configuration, folds, importedFolds, iterations, cascadeFolds, cascadeIterations, batchSize,
                saveInterval, logInterval, keepCheckpoints, seed, precision, network, recipe, postprocessing,
                evaluateEveryCheckpoint, null);
    }

    /**
     * What every fold of {@code stage} trains, is evaluated and predicted with.
     *
     * @throws IllegalStateException while the precision is still {@code auto}
     */
    public FoldSettings foldSettings(StageSpec stage) {
        if (!precision.isResolved()) {
            throw new IllegalStateException("RunSpec.precision is still auto: resolve it before deriving fold settings");
        }
        return new FoldSettings(stage.iterations(), saveInterval, logInterval, keepCheckpoints, seed, precision, recipe,
                postprocessing, evaluateEveryCheckpoint, timeBudget, epochIterations, validationBatches,
                leavesNetworkToBudget());
    }

    /**
     * Whether the trainers choose each fold's network width and batch for its time budget: a budget
     * is set and the request left {@code network.baseFeatures} and {@code batchSize} as planned.
     */
    public boolean leavesNetworkToBudget() {
        return timeBudget != null && batchSize == null && (network == null || network.baseFeatures() == null);
    }

    /** Whether a cascade stage follows the first. */
    public boolean cascade() {
        return configuration.isCascade();
    }

    /** The configuration of stage 0: {@code 3d_lowres} for a cascade, else {@link #configuration()}. */
    public Configuration stage0Configuration() {
        return configuration.firstStage();
    }

    /** The stages in training order: one, or two for a cascade. */
    public List<StageSpec> stages() {
        List<StageSpec> stages = new ArrayList<>();
        stages.add(new StageSpec(0, stage0Configuration(), folds, importedFolds, iterations));
        if (cascade()) {
            stages.add(new StageSpec(1, configuration, cascadeFolds, List.of(), cascadeIterations));
        }
        return List.copyOf(stages);
    }

    /**
     * Folds 0..4 that neither {@code trained} nor {@code imported} contains: for a cascade, the
     * cases of those folds would get no next-stage prediction from a model that did not see them.
     */
    public static List<Integer> missingStage0Folds(List<Integer> trained, List<Integer> imported) {
        List<Integer> missing = new ArrayList<>();
        for (int k = 0; k < SpecDefaults.FOLD_COUNT; k++) {
            if (!trained.contains(k) && !imported.contains(k)) {
                missing.add(k);
            }
        }
        return missing;
    }

    private static List<Integer> sortedFolds(String field, List<Integer> folds) {
        List<Integer> copy = new ArrayList<>(folds == null ? List.of() : folds);
        for (Integer fold : copy) {
            if (fold == null || fold < 0 || fold >= SpecDefaults.FOLD_COUNT) {
                throw new IllegalArgumentException("RunSpec." + field + " has fold " + fold + " outside 0.."
                        + (SpecDefaults.FOLD_COUNT - 1));
            }
        }
        if (new HashSet<>(copy).size() != copy.size()) {
            throw new IllegalArgumentException("RunSpec." + field + " lists a fold twice: " + copy);
        }
        copy.sort(null);
        return List.copyOf(copy);
    }

    private static void requireRange(String field, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("RunSpec." + field + " is " + value + ", must be in " + min + ".." + max);
        }
    }
}
