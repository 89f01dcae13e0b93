package dev.segfold.contracts.spec;

import dev.segfold.contracts.storage.KeySegments;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The JSON body of {@code POST /runs}, as received: every field optional except {@code dataset},
 * nothing checked yet, so that {@link #validate(FieldNames)} can list every problem at once.
 * Defaults are in {@link SpecDefaults}. The query parameters of a YAML submission are read into the
 * same record ({@link RunQuery}).
 *
 * <pre>{@code
 * {"dataset": "Task04_Hippocampus", "configuration": "3d_cascade_fullres",
 *  "folds": [0, 1, 3, 4], "importedFolds": [2], "iterations": 30000,
 *  "network": {"baseFeatures": 16, "patch": [40, 56, 40]}, "recipe": {"batchDice": true}}
 * }</pre>
 *
 * @param name                    a name for people; default {@code <dataset>-<configuration>}
 * @param dataset                 required: the data set in the data-set bucket
 * @param configuration           {@code 3d_fullres} (default), {@code 3d_lowres} or {@code 3d_cascade_fullres}
 * @param folds                   (stage-0) folds to train: a list of 0..4 or {@code "all"}; default all
 *                                folds not imported
 * @param importedFolds           (stage-0) folds trained elsewhere; default none
 * @param cascadeFolds            stage-1 folds of a cascade; default all
 * @param iterations              (stage-0) iterations per fold
 * @param cascadeIterations       stage-1 iterations of a cascade
 * @param batchSize               batch-size override
 * @param saveInterval            iterations between checkpoints
 * @param logInterval             iterations between progress events
 * @param keepCheckpoints         newest non-final checkpoints kept per fold
 * @param seed                    random seed
 * @param precision               {@code fp32} or {@code bf16}
 * @param network                 network overrides
 * @param recipe                  optimisation recipe
 * @param postprocessing          determine and apply postprocessing
 * @param evaluateEveryCheckpoint evaluate every checkpoint, not only the final one
 * @param timeBudget              training time of each fold ({@code 30m}, {@code 1h30m}, {@code PT30M}):
 *                                the trainer fits the iteration count to it; excludes {@code iterations}
 *                                and {@code cascadeIterations}
 * @param epochIterations         training iterations between validations during training (nnU-Net v2's
 *                                epoch, default 250)
 * @param validationBatches       validation batches an epoch (default 50); 0: no validation during
 *                                training and no best checkpoint
 */
public record RunRequest(String name, String dataset, String configuration, FoldSelection folds,
                         FoldSelection importedFolds, FoldSelection cascadeFolds, Integer iterations,
                         Integer cascadeIterations, Integer batchSize, Integer saveInterval, Integer logInterval,
                         Integer keepCheckpoints, Long seed, String precision, NetworkOverrides network,
                         RecipeRequest recipe, Boolean postprocessing, Boolean evaluateEveryCheckpoint,
                         String timeBudget, Integer epochIterations, Integer validationBatches) {

    /** A builder, every field unset. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this request's values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Validates with JSON field names.
     *
     * @throws InvalidSpecException listing every problem
     */
    public RunSpec toSpec() {
        return validate(FieldNames.JSON).orThrow("run request");
    }

    /** Validates, collecting every problem, each named through {@code names}. */
    public Validated<RunSpec> validate(FieldNames names) {
        return new Validation(this, names).run();
    }

    /** The rules, one pass that keeps going after a problem. */
    private static final class Validation {
        private final RunRequest r;
        private final FieldNames names;
        private final List<SpecProblem> problems = new ArrayList<>();

        Validation(RunRequest request, FieldNames names) {
            this.r = request;
            this.names = names;
        }

        private void problem(String path, String reason) {
            problems.add(new SpecProblem(names.name(path), reason));
        }

        private Consumer<SpecProblem> renamed() {
            return p -> problems.add(new SpecProblem(names.name(p.field()), p.reason()));
        }

        Validated<RunSpec> run() {
            String dataset = segment("dataset", r.dataset);
            Configuration configuration = configuration();

            List<Integer> imported = r.importedFolds == null ? List.of() : r.importedFolds.resolve("importedFolds", renamed());
            List<Integer> folds;
            if (r.folds == null) {
                folds = new ArrayList<>();
                for (int k = 0; k < SpecDefaults.FOLD_COUNT; k++) {
                    if (!imported.contains(k)) {
                        folds.add(k);
                    }
                }
            } else {
                folds = r.folds.resolve("folds", renamed());
            }
            for (Integer fold : imported) {
                if (folds.contains(fold)) {
                    problem("importedFolds[" + r.importedFolds.indexOf(fold) + "]",
                            "fold " + fold + " is both trained and imported; a fold has one origin");
                }
            }
            if (folds.isEmpty() && imported.isEmpty() && problems.isEmpty()) {
                problem("folds", "no fold to train or import");
            }

            Duration budget = timeBudget();
            Integer iterations = range("iterations", r.iterations, 1, SpecDefaults.MAX_ITERATIONS);
            List<Integer> cascadeFolds = List.of();
            Integer cascadeIterations = 0;
            if (configuration != null && configuration.isCascade()) {
                List<Integer> missing = RunSpec.missingStage0Folds(folds, imported);
                if (!missing.isEmpty()) {
                    problem("folds", "a " + configuration.id() + " run needs every " + Configuration.LOWRES_3D.id()
                            + " fold trained or imported, so that each training case gets its next-stage"
                            + " prediction from the model that did not see it; missing fold"
                            + (missing.size() == 1 ? " " : "s ") + join(missing)
                            + " (train them or list them in importedFolds)");
                }
                cascadeFolds = r.cascadeFolds == null ? FoldSelection.allFolds().resolve("cascadeFolds", renamed())
                        : r.cascadeFolds.resolve("cascadeFolds", renamed());
                cascadeIterations = range("cascadeIterations", r.cascadeIterations, 1, SpecDefaults.MAX_ITERATIONS);
                if (cascadeIterations == null && r.cascadeIterations == null) {
                    cascadeIterations = budget != null ? 0 : SpecDefaults.iterations(configuration);
                }
            } else if (configuration != null) {
                if (r.cascadeFolds != null) {
                    problem("cascadeFolds", "only a " + Configuration.CASCADE_FULLRES_3D.id() + " run has a second stage; this run is "
                            + configuration.id());
                }
                if (r.cascadeIterations != null) {
                    problem("cascadeIterations", "only a " + Configuration.CASCADE_FULLRES_3D.id()
                            + " run has a second stage; this run is " + configuration.id());
                }
            }
            if (iterations == null && r.iterations == null && configuration != null) {
                iterations = budget != null ? 0 : SpecDefaults.iterations(configuration.firstStage());
            }

            Integer batchSize = range("batchSize", r.batchSize, 1, SpecDefaults.MAX_BATCH_SIZE);
            Integer saveInterval = orDefault(range("saveInterval", r.saveInterval, 1, Integer.MAX_VALUE),
                    r.saveInterval, SpecDefaults.SAVE_INTERVAL);
            Integer logInterval = orDefault(range("logInterval", r.logInterval, 1, Integer.MAX_VALUE),
                    r.logInterval, SpecDefaults.LOG_INTERVAL);
            Integer keep = orDefault(range("keepCheckpoints", r.keepCheckpoints, 0, Integer.MAX_VALUE),
                    r.keepCheckpoints, SpecDefaults.KEEP_CHECKPOINTS);
            Integer epochIterations = orDefault(range("epochIterations", r.epochIterations, 1, Integer.MAX_VALUE),
                    r.epochIterations, SpecDefaults.EPOCH_ITERATIONS);
            Integer validationBatches = orDefault(range("validationBatches", r.validationBatches, 0,
                    SpecDefaults.MAX_VALIDATION_BATCHES), r.validationBatches, SpecDefaults.VALIDATION_BATCHES);
            if (r.epochIterations != null && Integer.valueOf(0).equals(r.validationBatches)) {
                problem("epochIterations", "is " + r.epochIterations + " and validationBatches is 0: no epoch is"
                        + " validated, so the epoch length would be ignored; give one of them");
            }
            Precision precision = precision();
            NetworkOverrides network = network();
            TrainingRecipe recipe = recipe();

            String name = r.name == null
                    ? (dataset == null || configuration == null ? null : dataset + "-" + configuration.id())
                    : segment("name", r.name);
            if (!problems.isEmpty()) {
                return Validated.invalid(problems);
            }
            return Validated.valid(new RunSpec(name, dataset, configuration, folds, imported, iterations, cascadeFolds,
                    cascadeIterations, batchSize, saveInterval, logInterval, keep,
                    r.seed == null ? SpecDefaults.SEED : r.seed, precision, network, recipe,
                    r.postprocessing == null ? SpecDefaults.POSTPROCESSING : r.postprocessing,
                    r.evaluateEveryCheckpoint == null ? SpecDefaults.EVALUATE_EVERY_CHECKPOINT
                            : r.evaluateEveryCheckpoint, budget, epochIterations, validationBatches));
        }

        /** The budget, checked; with it, an explicit iteration count is a problem (it would be ignored). */
        private Duration timeBudget() {
            if (r.timeBudget == null) {
                return null;
            }
            Duration budget;
            try {
                budget = TimeBudgets.parse(r.timeBudget);
            } catch (IllegalArgumentException e) {
                problem("timeBudget", e.getMessage());
                return null;
            }
            if (r.iterations != null) {
                problem("iterations", "is " + r.iterations + " and timeBudget is " + r.timeBudget
                        + "; give one: with a budget the trainer fits the iterations to it");
            }
            if (r.cascadeIterations != null) {
                problem("cascadeIterations", "is " + r.cascadeIterations + " and timeBudget is " + r.timeBudget
                        + "; give one: with a budget the trainer fits the iterations to it");
            }
            return budget;
        }

        private String segment(String path, String value) {
            try {
                return KeySegments.require(path, value);
            } catch (IllegalArgumentException e) {
                String message = e.getMessage();
                problem(path, message.startsWith(path + " ") ? message.substring(path.length() + 1) : message);
                return null;
            }
        }

        private Configuration configuration() {
            if (r.configuration == null) {
                return SpecDefaults.CONFIGURATION;
            }
            return Configuration.find(r.configuration).orElseGet(() -> {
                problem("configuration", "\"" + printable(r.configuration) + "\" is not a configuration; expected one of "
                        + Configuration.ids());
                return null;
            });
        }

        private Precision precision() {
            if (r.precision == null) {
                return SpecDefaults.PRECISION;
            }
            return Precision.find(r.precision).orElseGet(() -> {
                String hint = r.precision.equalsIgnoreCase("fp16")
                        ? "; fp16 is PaddleSeg's GPU half precision, Segfold's reduced precision is bf16" : "";
                problem("precision", "\"" + printable(r.precision) + "\" is not a precision; expected one of "
                        + Precision.ids() + hint);
                return null;
            });
        }

        private NetworkOverrides network() {
            NetworkOverrides n = r.network;
            if (n == null) {
                return NetworkOverrides.NONE;
            }
            range("network.baseFeatures", n.baseFeatures(), 1, SpecDefaults.MAX_BASE_FEATURES);
            range("network.maxPools", n.maxPools(), 1, SpecDefaults.MAX_POOLS);
            if (n.patch() != null) {
                if (n.patch().size() != 3) {
                    problem("network.patch", "needs 3 edges (z, y, x), got " + n.patch().size());
                } else {
                    for (int i = 0; i < 3; i++) {
                        Integer edge = n.patch().get(i);
                        if (edge == null) {
                            problem("network.patch[" + i + "]", "is missing");
                        } else {
                            range("network.patch[" + i + "]", edge, 1, SpecDefaults.MAX_PATCH_EDGE);
                        }
                    }
                }
            }
            return n;
        }

        private TrainingRecipe recipe() {
            RecipeRequest q = r.recipe == null ? RecipeRequest.NONE : r.recipe;
            TrainingRecipe d = TrainingRecipe.DEFAULT;
            double lr = positive("recipe.learningRate", q.learningRate(), d.learningRate());
            double power = positive("recipe.polyPower", q.polyPower(), d.polyPower());
            double momentum = d.momentum();
            if (q.momentum() != null) {
                if (!(q.momentum() >= 0 && q.momentum() < 1)) {
                    problem("recipe.momentum", "is " + q.momentum() + ", must be at least 0 and below 1");
                } else {
                    momentum = q.momentum();
                }
            }
            double decay = notNegative("recipe.weightDecay", q.weightDecay(), d.weightDecay());
            double clip = notNegative("recipe.gradientClipNorm", q.gradientClipNorm(), d.gradientClipNorm());
            return new TrainingRecipe(lr, power, momentum, decay, clip, q.batchDice());
        }

        private double positive(String path, Double value, double fallback) {
            if (value == null) {
                return fallback;
            }
            if (!(value > 0) || !Double.isFinite(value)) {
                problem(path, "is " + value + ", must be positive");
                return fallback;
            }
            return value;
        }

        private double notNegative(String path, Double value, double fallback) {
            if (value == null) {
                return fallback;
            }
            if (!(value >= 0) || !Double.isFinite(value)) {
                problem(path, "is " + value + ", must not be negative");
                return fallback;
            }
            return value;
        }

        /** The value if in range; null (with a problem) if not; null without one if absent. */
        private Integer range(String path, Integer value, int min, int max) {
            if (value == null) {
                return null;
            }
            if (value < min || value > max) {
                problem(path, "is " + value + ", must be "
                        + (max == Integer.MAX_VALUE ? "at least " + min : "in " + min + ".." + max));
                return null;
            }
            return value;
        }

        private static Integer orDefault(Integer checked, Integer given, int fallback) {
            return checked != null ? checked : given == null ? fallback : null;
        }

        private static String join(List<Integer> folds) {
            return String.join(", ", folds.stream().map(String::valueOf).toList());
        }

        private static String printable(String value) {
            String p = value.replaceAll("[^\\x20-\\x7e]", "?");
            return p.length() > 40 ? p.substring(0, 40) + "..." : p;
        }
    }

    /** Builds a request field by field; unset fields stay null (default). */
    public static final class Builder {
        private String name;
        private String dataset;
        private String configuration;
        private FoldSelection folds;
        private FoldSelection importedFolds;
        private FoldSelection cascadeFolds;
        private Integer iterations;
        private Integer cascadeIterations;
        private Integer batchSize;
        private Integer saveInterval;
        private Integer logInterval;
        private Integer keepCheckpoints;
        private Long seed;
        private String precision;
        private NetworkOverrides network;
        private RecipeRequest recipe;
        private Boolean postprocessing;
        private Boolean evaluateEveryCheckpoint;
        private String timeBudget;
        private Integer epochIterations;
        private Integer validationBatches;

        private Builder() {
        }

        private Builder(RunRequest r) {
            name = r.name;
            dataset = r.dataset;
            configuration = r.configuration;
            folds = r.folds;
            importedFolds = r.importedFolds;
            cascadeFolds = r.cascadeFolds;
            iterations = r.iterations;
            cascadeIterations = r.cascadeIterations;
            batchSize = r.batchSize;
            saveInterval = r.saveInterval;
            logInterval = r.logInterval;
            keepCheckpoints = r.keepCheckpoints;
            seed = r.seed;
            precision = r.precision;
            network = r.network;
            recipe = r.recipe;
            postprocessing = r.postprocessing;
            evaluateEveryCheckpoint = r.evaluateEveryCheckpoint;
            timeBudget = r.timeBudget;
            epochIterations = r.epochIterations;
            validationBatches = r.validationBatches;
        }

        public Builder name(String value) {
            name = value;
            return this;
        }

        public Builder dataset(String value) {
            dataset = value;
            return this;
        }

        public Builder configuration(String value) {
            configuration = value;
            return this;
        }

        public Builder folds(FoldSelection value) {
            folds = value;
            return this;
        }

        public Builder importedFolds(FoldSelection value) {
            importedFolds = value;
            return this;
        }

        public Builder cascadeFolds(FoldSelection value) {
            cascadeFolds = value;
            return this;
        }

        public Builder iterations(Integer value) {
            iterations = value;
            return this;
        }

        public Builder cascadeIterations(Integer value) {
            cascadeIterations = value;
            return this;
        }

        public Builder batchSize(Integer value) {
            batchSize = value;
            return this;
        }

        public Builder saveInterval(Integer value) {
            saveInterval = value;
            return this;
        }

        public Builder logInterval(Integer value) {
            logInterval = value;
            return this;
        }

        public Builder keepCheckpoints(Integer value) {
            keepCheckpoints = value;
            return this;
        }

        public Builder seed(Long value) {
            seed = value;
            return this;
        }

        public Builder precision(String value) {
            precision = value;
            return this;
        }

        public Builder network(NetworkOverrides value) {
            network = value;
            return this;
        }

        public Builder recipe(RecipeRequest value) {
            recipe = value;
            return this;
        }

        public Builder postprocessing(Boolean value) {
            postprocessing = value;
            return this;
        }

        public Builder evaluateEveryCheckpoint(Boolean value) {
            evaluateEveryCheckpoint = value;
            return this;
        }

        public Builder timeBudget(String value) {
            timeBudget = value;
            return this;
        }

        public Builder epochIterations(Integer value) {
            epochIterations = value;
            return this;
        }

        public Builder validationBatches(Integer value) {
            validationBatches = value;
            return this;
        }

        public RunRequest build() {
            return new RunRequest(name, dataset, configuration, folds, importedFolds, cascadeFolds, iterations,
                    cascadeIterations, batchSize, saveInterval, logInterval, keepCheckpoints, seed, precision, network,
                    recipe, postprocessing, evaluateEveryCheckpoint, timeBudget, epochIterations, validationBatches);
        }
    }
}
