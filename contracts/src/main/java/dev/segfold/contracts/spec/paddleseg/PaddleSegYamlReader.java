package dev.segfold.contracts.spec.paddleseg;

import dev.segfold.contracts.spec.Configuration;
import dev.segfold.contracts.spec.FieldNames;
import dev.segfold.contracts.spec.FoldSelection;
import dev.segfold.contracts.spec.InvalidSpecException;
import dev.segfold.contracts.spec.RecipeRequest;
import dev.segfold.contracts.spec.RunQuery;
import dev.segfold.contracts.spec.RunRequest;
import dev.segfold.contracts.spec.RunSpec;
import dev.segfold.contracts.spec.SpecDefaults;
import dev.segfold.contracts.spec.SpecProblem;
import dev.segfold.contracts.spec.Validated;
import dev.segfold.contracts.storage.Buckets;
import dev.segfold.contracts.storage.KeySegments;
import dev.segfold.contracts.storage.RunLayout;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns a PaddleSeg MedicalSeg nnU-Net config (DESIGN.md §6, REFERENCE-nnunet.md §8) plus the
 * request's query parameters into a {@link RunSpec}. Every key of PaddleSeg's nnU-Net configs is
 * accepted as it is; see docs/run-spec-and-yaml.md for the table of what each one becomes.
 *
 * <ul>
 * <li><b>Mapped into the spec:</b> {@code iters} (iterations), {@code train_dataset.fold} (the fold
 * to train when the query names none), {@code model.stage}/{@code model.cascade} (the
 * configuration: stage 0 of a cascade is {@code 3d_lowres} followed by
 * {@code 3d_cascade_fullres}), {@code optimizer.momentum}, {@code optimizer.weight_decay},
 * {@code lr_scheduler.learning_rate}, {@code lr_scheduler.power}, the loss's {@code batch_dice}.
 * The query overrides the YAML where both speak, with a warning.</li>
 * <li><b>Paths</b> of the author's file system ({@code data_root}, {@code plan_path},
 * {@code raw_data_dir}, ...) are replaced by object-store locations, each reported as a
 * {@link PathMapping}.</li>
 * <li><b>Problems</b> (the config is refused): values Segfold's engine cannot honour and that would
 * change what is computed ({@code use_nesterov: False}, {@code do_bg: True}, another optimizer,
 * {@code end_lr} above 0, 2D plans, pretrained weights, ...), wrong types, and contradictions
 * between sections (a val fold other than the train fold, stages that disagree).</li>
 * <li><b>Warnings</b> (accepted): keys that have no effect here, e.g. {@code batch_size} (PaddleSeg's
 * nnU-Net trainer ignores it too: the plans decide), {@code num_batches_per_epoch} (Segfold counts
 * iterations), {@code _base_} (another file of the author's, not readable).</li>
 * <li><b>Unknown keys</b> are listed by path; they have no effect.</li>
 * </ul>
 */
public final class PaddleSegYamlReader {

    private final Buckets buckets;

    /** A reader mapping paths into the default buckets. */
    public PaddleSegYamlReader() {
        this(Buckets.defaults());
    }

    /** A reader mapping paths into {@code buckets}. */
    public PaddleSegYamlReader(Buckets buckets) {
        this.buckets = Objects.requireNonNull(buckets, "buckets");
    }

    /**
     * Parses and maps a config.
     *
     * @param source a name for messages, e.g. the uploaded file's name
     * @param yaml   the document
     * @param query  the request's query parameters (dataset, folds, importedFolds, ...); may be null
     * @param runId  the run's id, for the mapped locations; null shows {@code {run}}
     * @throws InvalidSpecException listing every problem
     */
    public YamlImport read(String source, String yaml, RunRequest query, String runId) {
        return validate(PaddleSegConfig.parse(source, yaml), query, runId).orThrow(source);
    }

    /**
     * The whole YAML submission in one call that never throws for bad input: query parameters
     * ({@link RunQuery}) and document are both checked, and their problems returned together.
     *
     * @param query the query parameters, name to values
     */
    public Validated<YamlImport> validate(String source, String yaml, Map<String, List<String>> query, String runId) {
        List<SpecProblem> problems = new ArrayList<>();
        Validated<RunRequest> request = RunQuery.read(query == null ? Map.of() : query);
        problems.addAll(request.problems());
        PaddleSegConfig config = null;
        try {
            config = PaddleSegConfig.parse(source, yaml);
        } catch (InvalidSpecException e) {
            problems.addAll(e.problems());
        }
        if (!problems.isEmpty()) {
            return Validated.invalid(problems);
        }
        return validate(config, request.value(), runId);
    }

    /** Maps a parsed config, collecting every problem. */
    public Validated<YamlImport> validate(PaddleSegConfig config, RunRequest query, String runId) {
        return new Reading(config, query == null ? RunRequest.builder().build() : query, runId).run();
    }

    /** Where a path key of the author's file system goes. */
    private enum Target { DATASET, RUN, PLANS, CACHE }

    /** The datasets' fold, stage and cascade flag, as read. */
    private record DatasetValues(Integer fold, Integer stage, Boolean cascade) {
    }

    /** One read of one config. */
    private final class Reading {
        private final PaddleSegConfig config;
        private final RunRequest query;
        private final String runId;
        private final ImportReport report = new ImportReport();
        private final Map<String, String> renames = new HashMap<>();

        Reading(PaddleSegConfig config, RunRequest query, String runId) {
            this.config = config;
            this.query = query;
            this.runId = runId;
        }

        Validated<YamlImport> run() {
            YamlSection root = new YamlSection("", config.root(), report);
            String base = root.text("_base_");
            if (base != null) {
                report.warning("_base_", "\"" + base + "\" is another file of the author's and is not read;"
                        + " keys it would set take Segfold's defaults (put them in this file instead)");
            }
            path(root, "data_root", Target.DATASET);
            Integer batch = root.integer("batch_size");
            if (batch != null) {
                if (batch < 1) {
                    report.problem("batch_size", "is " + batch + ", must be at least 1");
                } else {
                    report.warning("batch_size", batch + " is ignored, as in PaddleSeg's nnU-Net trainer: the plans"
                            + " decide the batch; the request parameter batchSize overrides them");
                }
            }
            Integer iters = root.integer("iters");

            YamlSection model = root.section("model");
            // Null when the model section is unreadable: then nothing is compared with it.
            Integer stage = null;
            Boolean cascade = null;
            if (model == null) {
                report.problem("model", "is missing; a PaddleSeg nnU-Net config has model: {type: NNUNet, ...}");
            } else {
                requireType(model, "NNUNet");
                path(model, "plan_path", Target.PLANS);
                Integer s = model.integer("stage");
                if (s == null) {
                    stage = model.raw("stage") == null ? 0 : null; // absent or null: PaddleSeg's default 0
                } else if (s != 0 && s != 1) {
                    report.problem("model.stage", "is " + s + "; 3D plans have stage 0 and, for a cascade, stage 1");
                } else {
                    stage = s;
                }
                Boolean c = model.bool("cascade");
                cascade = c == null && model.raw("cascade") == null ? Boolean.FALSE : c;
                mustNotBe(model, "deep_supervision", false, "Segfold always trains with deep supervision");
                mustNotBe(model, "convolutional_pooling", false, "Segfold's U-Net pools with strided convolutions");
                mustNotBe(model, "convolutional_upsampling", false,
                        "Segfold's U-Net upsamples with transposed convolutions");
                mustNotBe(model, "upscale_logits", true, "Segfold downsamples the targets instead of upscaling logits");
                Object pretrained = model.raw("pretrained");
                if (pretrained != null) {
                    report.problem("model.pretrained", "Segfold cannot load PaddlePaddle weights; to use a fold trained"
                            + " elsewhere, list it in importedFolds and upload its checkpoint");
                }
                model.finish();
            }

            DatasetValues train = dataset(root, "train_dataset", "train", stage, cascade);
            DatasetValues val = dataset(root, "val_dataset", "val", stage, cascade);
            if (train == null) {
                report.problem("train_dataset", "is missing; it names the fold to train");
            } else if (train.fold() == null) {
                report.problem("train_dataset.fold", "is missing");
            }
            if (train != null && val != null && train.fold() != null && val.fold() != null
                    && !train.fold().equals(val.fold())) {
                report.problem("val_dataset.fold", "is " + val.fold() + " but train_dataset.fold is " + train.fold()
                        + "; a fold is validated on its own held-out cases");
            }

            RecipeValues recipe = new RecipeValues();
            optimizer(root, recipe);
            lrScheduler(root, recipe, iters);
            loss(root, recipe, stage);
            root.finish();

            Configuration configuration = stage == null || cascade == null ? null : configuration(stage, cascade);
            return validate(iters, train == null ? null : train.fold(), configuration, recipe);
        }

        private Validated<YamlImport> validate(Integer iters, Integer fold, Configuration configuration,
                                               RecipeValues recipe) {
            RunRequest.Builder merged = query.toBuilder();
            if (configuration != null) {
                merged.configuration(configuration.id());
            }
            if (query.timeBudget() != null && iters != null) {
                report.warning("iters", iters + " is replaced by the request's timeBudget=" + query.timeBudget()
                        + ": the trainer fits the iterations to the budget");
            } else if (query.iterations() == null && iters != null) {
                merged.iterations(iters);
                renames.put("iterations", "iters");
            } else if (query.iterations() != null && iters != null && !query.iterations().equals(iters)) {
                report.warning("iters", iters + " is replaced by the request's iterations=" + query.iterations()
                        + " (the learning rate decays over the new count)");
            }
            if (query.folds() == null && fold != null) {
                merged.folds(FoldSelection.of(fold));
                renames.put("folds", "train_dataset.fold");
                renames.put("folds[0]", "train_dataset.fold");
            }
            merged.recipe(recipe.merge(query.recipe(), renames));
            if (query.dataset() == null) {
                report.problem("dataset", "is missing; a PaddleSeg config does not name its data set,"
                        + " pass it as the query parameter dataset");
            }
            Validated<RunSpec> spec = merged.build().validate(FieldNames.renaming(renames));
            List<SpecProblem> problems = new ArrayList<>(report.problems);
            for (SpecProblem p : spec.problems()) {
                if (!(query.dataset() == null && p.field().equals("dataset")) && !problems.contains(p)) {
                    problems.add(p);
                }
            }
            if (!problems.isEmpty()) {
                return Validated.invalid(problems);
            }
            return Validated.valid(new YamlImport(spec.value(), report.mappings, report.unknown, report.warnings,
                    List.copyOf(report.used)));
        }

        /**
         * The configuration the YAML describes, with the query's where it chooses between what
         * the YAML allows; see the class comment of the reader and docs for the table.
         */
        private Configuration configuration(int stage, boolean cascade) {
            Configuration asked = null;
            if (query.configuration() != null) {
                asked = Configuration.find(query.configuration()).orElse(null);
                if (asked == null) {
                    return null; // request validation names it
                }
            }
            if (cascade) {
                if (stage == 1) {
                    report.problem("model.stage", "1 with cascade: True is the second network of a cascade, which"
                            + " needs the first stage's predictions; submit the stage-0 config (model.stage: 0)"
                            + " and Segfold trains both stages");
                    return null;
                }
                if (asked == null) {
                    return Configuration.CASCADE_FULLRES_3D;
                }
                if (asked == Configuration.FULLRES_3D) {
                    report.problem("configuration", "3d_fullres contradicts the YAML, which trains the low-res stage of"
                            + " a cascade (model.cascade: True, model.stage: 0); ask for 3d_cascade_fullres (both"
                            + " stages) or 3d_lowres (the low-res stage alone)");
                    return null;
                }
                return asked;
            }
            if (asked == Configuration.CASCADE_FULLRES_3D) {
                report.problem("configuration", "3d_cascade_fullres needs a cascade config (model.cascade: True)");
                return null;
            }
            if (stage == 1) {
                if (asked == Configuration.LOWRES_3D) {
                    report.problem("configuration", "3d_lowres is stage 0 of the plans, but model.stage is 1");
                    return null;
                }
                return Configuration.FULLRES_3D;
            }
            if (asked == null) {
                report.warning("model.stage", "0 without a cascade is 3d_fullres for single-stage plans and 3d_lowres"
                        + " for two-stage plans; taken as 3d_fullres, pass configuration=3d_lowres for the other");
                return Configuration.FULLRES_3D;
            }
            return asked;
        }

        private DatasetValues dataset(YamlSection root, String key, String mode, Integer stage, Boolean cascade) {
            YamlSection d = root.section(key);
            if (d == null) {
                return null;
            }
            requireType(d, "MSDDataset");
            for (String pathKey : List.of("dataset_root", "raw_data_dir", "decathlon_dir")) {
                path(d, pathKey, Target.DATASET);
            }
            path(d, "result_dir", Target.RUN);
            path(d, "plans_name", Target.PLANS);
            path(d, "cropped_data_dir", Target.CACHE);
            path(d, "preprocessed_dir", Target.CACHE);
            mustNotBe(d, "plan2d", true, "Segfold trains 3D configurations only");
            mustNotBe(d, "plan3d", false, "Segfold trains 3D configurations, which need 3D plans");
            Integer batches = d.integer("num_batches_per_epoch");
            if (batches != null) {
                if (batches < 1) {
                    report.problem(d.pathOf("num_batches_per_epoch"), "is " + batches + ", must be at least 1");
                } else {
                    report.warning(d.pathOf("num_batches_per_epoch"), batches + " has no effect: Segfold counts"
                            + " iterations, not epochs, and validates on every case of the held-out fold");
                }
            }
            Integer fold = d.integer("fold");
            if (fold != null && (fold < 0 || fold >= SpecDefaults.FOLD_COUNT)) {
                // Same words as the request's validation, which reports the train fold again when it uses it.
                report.problem(d.pathOf("fold"), "fold " + fold + " is outside 0.." + (SpecDefaults.FOLD_COUNT - 1));
            }
            Integer s = d.integer("stage");
            if (s != null && stage != null && !s.equals(stage)) {
                report.problem(d.pathOf("stage"), "is " + s + " but model.stage is " + stage);
            }
            Boolean unpack = d.bool("unpack_data");
            if (Boolean.FALSE.equals(unpack)) {
                report.warning(d.pathOf("unpack_data"), "False has no effect: Segfold reads its preprocessed arrays"
                        + " directly");
            }
            Boolean c = d.bool("cascade");
            if (c != null && cascade != null && !c.equals(cascade)) {
                report.problem(d.pathOf("cascade"), "is " + pythonBool(c) + " but model.cascade is " + pythonBool(cascade));
            }
            String m = d.text("mode");
            if (m != null && !m.equals(mode)) {
                report.problem(d.pathOf("mode"), "is \"" + m + "\" in " + key + "; expected \"" + mode + "\"");
            }
            Integer threads = d.integer("num_threads");
            if (threads != null) {
                report.warning(d.pathOf("num_threads"), threads + " has no effect: each Segfold trainer sets its own"
                        + " loader threads");
            }
            Boolean multi = d.bool("use_multi_augmenter");
            if (multi != null) {
                report.warning(d.pathOf("use_multi_augmenter"), pythonBool(multi) + " has no effect: Segfold's"
                        + " augmentation runs in its own batch loader");
            }
            d.finish();
            return new DatasetValues(fold, s, c);
        }

        private void optimizer(YamlSection root, RecipeValues recipe) {
            YamlSection o = root.section("optimizer");
            if (o == null) {
                return;
            }
            String type = o.text("type");
            if (type != null && !type.equalsIgnoreCase("sgd")) {
                report.problem("optimizer.type", "is \"" + type + "\"; Segfold trains with sgd (Nesterov momentum)"
                        + " as nnU-Net does");
            }
            recipe.momentum = o.number("momentum");
            recipe.weightDecay = o.number("weight_decay");
            mustNotBe(o, "use_nesterov", false, "Segfold's SGD always uses Nesterov momentum, as nnU-Net");
            o.finish();
        }

        private void lrScheduler(YamlSection root, RecipeValues recipe, Integer iters) {
            YamlSection l = root.section("lr_scheduler");
            if (l == null) {
                return;
            }
            String type = l.text("type");
            if (type != null && !type.equals("PolynomialDecay")) {
                report.problem("lr_scheduler.type", "is \"" + type + "\"; Segfold's schedule is PolynomialDecay,"
                        + " stepped per iteration");
            }
            recipe.learningRate = l.number("learning_rate");
            Double end = l.number("end_lr");
            if (end != null && end != 0) {
                report.problem("lr_scheduler.end_lr", "is " + end + "; Segfold's poly schedule decays to 0");
            }
            recipe.polyPower = l.number("power");
            Integer steps = l.integer("decay_steps");
            if (steps != null && !steps.equals(iters)) {
                report.problem("lr_scheduler.decay_steps", "is " + steps + " but iters is " + iters
                        + "; Segfold decays over the training iterations (leave decay_steps out)");
            }
            l.finish();
        }

        private void loss(YamlSection root, RecipeValues recipe, Integer stage) {
            YamlSection loss = root.section("loss");
            if (loss == null) {
                return;
            }
            List<Object> types = loss.list("types");
            if (types != null) {
                if (types.size() != 1) {
                    report.problem("loss.types", "has " + types.size() + " entries; Segfold trains with exactly one,"
                            + " MultipleLoss of DC_and_CE_loss");
                }
                for (int i = 0; i < types.size(); i++) {
                    YamlSection t = element(types.get(i), "loss.types[" + i + "]");
                    if (t == null) {
                        continue;
                    }
                    requireType(t, "MultipleLoss");
                    path(t, "plan_path", Target.PLANS);
                    Integer s = t.integer("stage");
                    if (s != null && stage != null && !s.equals(stage)) {
                        report.problem(t.pathOf("stage"), "is " + s + " but model.stage is " + stage);
                    }
                    List<Object> losses = t.list("losses");
                    if (losses != null) {
                        if (losses.size() != 1) {
                            report.problem(t.pathOf("losses"), "has " + losses.size() + " entries; Segfold's"
                                    + " MultipleLoss wraps exactly one DC_and_CE_loss");
                        }
                        for (int j = 0; j < losses.size(); j++) {
                            YamlSection dc = element(losses.get(j), t.pathOf("losses") + "[" + j + "]");
                            if (dc == null) {
                                continue;
                            }
                            requireType(dc, "DC_and_CE_loss");
                            mustNotBe(dc, "do_bg", true, "Segfold's Dice leaves the background out, as nnU-Net");
                            Boolean batchDice = dc.bool("batch_dice");
                            if (i == 0 && j == 0) {
                                recipe.batchDice = batchDice;
                                recipe.batchDicePath = dc.pathOf("batch_dice");
                            }
                            dc.finish();
                        }
                    }
                    unitCoefficients(t, "coef");
                    t.finish();
                }
            }
            unitCoefficients(loss, "coef");
            loss.finish();
        }

        /** A list element that must be a mapping. */
        private YamlSection element(Object value, String path) {
            if (value instanceof Map<?, ?> map) {
                return new YamlSection(path, map, report);
            }
            report.problem(path, "must be a mapping with a type, got " + YamlSection.describe(value));
            return null;
        }

        /** {@code coef: [1]}: one loss at weight 1, the only combination Segfold computes. */
        private void unitCoefficients(YamlSection section, String key) {
            List<Object> coef = section.list(key);
            if (coef == null) {
                return;
            }
            boolean unit = coef.size() == 1 && coef.get(0) instanceof Number n && n.doubleValue() == 1.0;
            if (!unit) {
                report.problem(section.pathOf(key), "is " + coef + "; Segfold weighs its one loss with [1]");
            }
        }

        private void requireType(YamlSection section, String expected) {
            String type = section.text("type");
            if (type == null) {
                if (!section.has("type")) {
                    report.problem(section.pathOf("type"), "is missing; expected " + expected);
                }
            } else if (!type.equals(expected)) {
                report.problem(section.pathOf("type"), "is \"" + type + "\"; Segfold supports " + expected + " here");
            }
        }

        private void mustNotBe(YamlSection section, String key, boolean refused, String why) {
            Boolean value = section.bool(key);
            if (value != null && value == refused) {
                report.problem(section.pathOf(key), pythonBool(refused) + " is not supported: " + why);
            }
        }

        private void path(YamlSection section, String key, Target target) {
            String original = section.text(key);
            if (original != null) {
                report.mappings.add(new PathMapping(section.pathOf(key), original, location(target)));
            }
        }

        private String location(Target target) {
            String dataset = query.dataset() != null && KeySegments.isValid(query.dataset()) ? query.dataset() : "{dataset}";
            String run = runId != null && KeySegments.isValid(runId) ? runId : "{run}";
            return switch (target) {
                case DATASET -> "s3://" + buckets.datasets() + "/" + dataset + "/";
                case RUN -> "s3://" + buckets.runs() + "/" + run + "/";
                case PLANS -> "s3://" + buckets.runs() + "/" + (run.equals("{run}") ? "{run}/plans.json"
                        : RunLayout.of(run).plans());
                case CACHE -> "s3://" + buckets.cache() + "/{dataset digest}/{plans digest}/";
            };
        }
    }

    /** The recipe values found in the YAML, and their paths for messages. */
    private static final class RecipeValues {
        Double momentum;
        Double weightDecay;
        Double learningRate;
        Double polyPower;
        Boolean batchDice;
        String batchDicePath;

        /** The YAML's values under the request's, recording the YAML paths of the ones taken. */
        RecipeRequest merge(RecipeRequest request, Map<String, String> renames) {
            RecipeRequest q = request == null ? RecipeRequest.NONE : request;
            return new RecipeRequest(
                    take(q.learningRate(), learningRate, "recipe.learningRate", "lr_scheduler.learning_rate", renames),
                    take(q.polyPower(), polyPower, "recipe.polyPower", "lr_scheduler.power", renames),
                    take(q.momentum(), momentum, "recipe.momentum", "optimizer.momentum", renames),
                    take(q.weightDecay(), weightDecay, "recipe.weightDecay", "optimizer.weight_decay", renames),
                    q.gradientClipNorm(),
                    take(q.batchDice(), batchDice, "recipe.batchDice", batchDicePath, renames));
        }

        private static <T> T take(T requested, T fromYaml, String field, String yamlPath, Map<String, String> renames) {
            if (requested != null || fromYaml == null) {
                return requested;
            }
            renames.put(field, yamlPath);
            return fromYaml;
        }
    }

    private static String pythonBool(boolean value) {
        return value ? "True" : "False";
    }
}
