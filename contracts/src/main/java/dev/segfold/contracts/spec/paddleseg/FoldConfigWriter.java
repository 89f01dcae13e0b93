package dev.segfold.contracts.spec.paddleseg;

import dev.segfold.contracts.spec.Configuration;
import dev.segfold.contracts.spec.Precision;
import dev.segfold.contracts.spec.RunSpec;
import dev.segfold.contracts.spec.SpecDefaults;
import dev.segfold.contracts.spec.StageSpec;
import dev.segfold.contracts.spec.TimeBudgets;
import dev.segfold.contracts.storage.KeySegments;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Writes {@code nnunet_fold<k>.yml}, the per-fold config the workflow Segfold replaces made by hand.
 *
 * <p>From a submitted YAML ({@link #forFold}): the submitted text with only the values of
 * {@code train_dataset.fold} and {@code val_dataset.fold} replaced, in place, so comments, key
 * order, quoting and everything Segfold does not understand stay exactly as the author wrote
 * them. The result is checked by parsing it again: its tree must equal the original's with the
 * two folds changed, or nothing is returned.
 *
 * <p>From a JSON-submitted run ({@link #generate}): a clean PaddleSeg MedicalSeg config carrying the
 * spec's recipe, with PaddleSeg's conventional relative paths, so the same fold can be trained
 * with PaddleSeg; a header comment gives the equivalent {@code train.py} flags.
 */
public final class FoldConfigWriter {

    /** The sections whose {@code fold} names the fold. */
    public static final List<String> FOLD_SECTIONS = List.of("train_dataset", "val_dataset");

    private static final String PLANS_FILE = "nnUNetPlansv2.1_plans_3D.pkl";

    private FoldConfigWriter() {
    }

    /** {@code nnunet_fold<k>.yml}, the name PaddleSeg's scripts expect. */
    public static String fileName(int fold) {
        requireFold(fold);
        return "nnunet_fold" + fold + ".yml";
    }

    /** {@link #forFold(PaddleSegConfig, int)} for each of {@code folds}, by fold. */
    public static Map<Integer, String> forFolds(PaddleSegConfig config, Collection<Integer> folds) {
        Map<Integer, String> out = new TreeMap<>();
        for (int fold : folds) {
            out.put(fold, forFold(config, fold));
        }
        return out;
    }

    /**
     * The submitted config with {@code fold} in place of the folds of {@code train_dataset} and
     * {@code val_dataset}.
     *
     * @throws IllegalArgumentException if {@code train_dataset.fold} is missing or is not a plain
     *                                  integer (an alias, say) that can be replaced on its own
     */
    public static String forFold(PaddleSegConfig config, int fold) {
        requireFold(fold);
        String text = config.text();
        Node root = SafeYaml.compose(text, config.source());
        if (!(root instanceof MappingNode mapping)) {
            throw new IllegalArgumentException(config.source() + ": the document is not a mapping");
        }
        List<ScalarNode> targets = new ArrayList<>();
        for (String section : FOLD_SECTIONS) {
            ScalarNode foldNode = foldNode(mapping, section, config.source());
            if (foldNode != null) {
                if (targets.contains(foldNode)) {
                    throw new IllegalArgumentException(config.source() + ": " + section + ".fold is an alias of another"
                            + " fold; write each fold as a plain number");
                }
                targets.add(foldNode);
            } else if (section.equals("train_dataset")) {
                throw new IllegalArgumentException(config.source() + ": train_dataset.fold is missing");
            }
        }
        // Replace from the end so earlier offsets stay valid; marks count code points.
        targets.sort((a, b) -> Integer.compare(b.getStartMark().getIndex(), a.getStartMark().getIndex()));
        StringBuilder out = new StringBuilder(text);
        for (ScalarNode node : targets) {
            int start = text.offsetByCodePoints(0, node.getStartMark().getIndex());
            int end = text.offsetByCodePoints(0, node.getEndMark().getIndex());
            out.replace(start, end, Integer.toString(fold));
        }
        String result = out.toString();
        verify(config, result, fold);
        return result;
    }

    private static ScalarNode foldNode(MappingNode root, String section, String source) {
        Node sectionNode = value(root, section);
        if (!(sectionNode instanceof MappingNode sectionMapping)) {
            return null;
        }
        Node fold = value(sectionMapping, "fold");
        if (fold == null) {
            return null;
        }
        if (!(fold instanceof ScalarNode scalar) || !Tag.INT.equals(fold.getTag()) || fold.getAnchor() != null) {
            throw new IllegalArgumentException(source + ": " + section + ".fold must be a plain integer such as 0"
                    + " to be replaced per fold");
        }
        return scalar;
    }

    private static Node value(MappingNode mapping, String key) {
        for (NodeTuple tuple : mapping.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                return tuple.getValueNode();
            }
        }
        return null;
    }

    /** The replaced text must parse to the original tree with only the folds changed. */
    @SuppressWarnings("unchecked")
    private static void verify(PaddleSegConfig config, String result, int fold) {
        Map<Object, Object> expected = deepCopy(config.root());
        for (String section : FOLD_SECTIONS) {
            if (expected.get(section) instanceof Map<?, ?> map && map.containsKey("fold")) {
                ((Map<Object, Object>) map).put("fold", fold);
            }
        }
        Object actual = SafeYaml.load(result, config.source());
        if (!Objects.equals(expected, actual)) {
            throw new IllegalStateException(config.source() + ": replacing the fold changed more than the fold;"
                    + " refusing to write " + fileName(fold));
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T deepCopy(T value) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, deepCopy(v)));
            return (T) copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(deepCopy(v)));
            return (T) copy;
        }
        return value;
    }

    /**
     * A clean PaddleSeg config for one fold of one stage of {@code spec}.
     *
     * @param configuration the stage's configuration, one of {@code spec.stages()}
     * @param fold          a fold of that stage, trained or imported
     * @param planStage     the stage index in the plans: 0 for {@code 3d_lowres}, 1 for
     *                      {@code 3d_cascade_fullres}, and for {@code 3d_fullres} the last stage
     *                      (0 for single-stage plans such as Hippocampus, 1 for two-stage plans)
     * @param runId         the run, named in the header
     */
    public static String generate(RunSpec spec, Configuration configuration, int fold, int planStage, String runId) {
        KeySegments.require("runId", runId);
        requireFold(fold);
        StageSpec stage = spec.stages().stream().filter(s -> s.configuration() == configuration).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("run " + runId + " has no " + configuration
                        + " stage; its stages are " + spec.stages().stream().map(s -> s.configuration().id()).toList()));
        if (!stage.folds().contains(fold) && !stage.importedFolds().contains(fold)) {
            throw new IllegalArgumentException("fold " + fold + " is not part of the " + configuration + " stage of run "
                    + runId + " (folds " + stage.folds() + ", imported " + stage.importedFolds() + ")");
        }
        boolean planStageFits = switch (configuration) {
            case LOWRES_3D -> planStage == 0;
            case CASCADE_FULLRES_3D -> planStage == 1;
            case FULLRES_3D -> planStage == 0 || planStage == 1;
        };
        if (!planStageFits) {
            throw new IllegalArgumentException("plan stage " + planStage + " does not hold " + configuration);
        }
        boolean cascade = spec.cascade();
        boolean batchDice = spec.recipe().batchDice() != null ? spec.recipe().batchDice()
                // nnU-Net v1: batch Dice for the full-resolution stage of two-stage plans only.
                : configuration != Configuration.LOWRES_3D && planStage == 1;
        String plansPath = "data/preprocessed/" + PLANS_FILE;

        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("data_root", "data/");
        if (stage.iterations() > 0) {
            doc.put("iters", stage.iterations()); // with a time budget the trainer fits it: no count to write
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("type", "NNUNet");
        model.put("plan_path", plansPath);
        model.put("stage", planStage);
        model.put("cascade", cascade);
        doc.put("model", model);
        doc.put("train_dataset", dataset(fold, planStage, cascade, "train", 250));
        doc.put("val_dataset", dataset(fold, planStage, cascade, "val", 50));
        Map<String, Object> optimizer = new LinkedHashMap<>();
        optimizer.put("type", "sgd");
        optimizer.put("momentum", spec.recipe().momentum());
        optimizer.put("weight_decay", spec.recipe().weightDecay());
        optimizer.put("use_nesterov", true);
        doc.put("optimizer", optimizer);
        Map<String, Object> lr = new LinkedHashMap<>();
        lr.put("type", "PolynomialDecay");
        lr.put("learning_rate", spec.recipe().learningRate());
        lr.put("end_lr", 0);
        lr.put("power", spec.recipe().polyPower());
        doc.put("lr_scheduler", lr);
        Map<String, Object> dc = new LinkedHashMap<>();
        dc.put("type", "DC_and_CE_loss");
        dc.put("do_bg", false);
        dc.put("batch_dice", batchDice);
        Map<String, Object> multiple = new LinkedHashMap<>();
        multiple.put("type", "MultipleLoss");
        multiple.put("plan_path", plansPath);
        multiple.put("stage", planStage);
        multiple.put("losses", List.of(dc));
        multiple.put("coef", List.of(1.0));
        Map<String, Object> loss = new LinkedHashMap<>();
        loss.put("types", List.of(multiple));
        loss.put("coef", List.of(1));
        doc.put("loss", loss);

        return header(spec, configuration, fold, runId, stage.iterations()) + dumper().dump(doc);
    }

    private static Map<String, Object> dataset(int fold, int planStage, boolean cascade, String mode, int batches) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("type", "MSDDataset");
        d.put("plans_name", PLANS_FILE);
        d.put("dataset_root", "/");
        d.put("result_dir", "/");
        d.put("raw_data_dir", "data/raw_data");
        d.put("decathlon_dir", "data/decathlon");
        d.put("cropped_data_dir", "data/cropped");
        d.put("preprocessed_dir", "data/preprocessed");
        d.put("plan2d", false);
        d.put("plan3d", true);
        d.put("num_batches_per_epoch", batches);
        d.put("fold", fold);
        d.put("stage", planStage);
        d.put("unpack_data", true);
        d.put("cascade", cascade);
        d.put("mode", mode);
        return d;
    }

    private static String header(RunSpec spec, Configuration configuration, int fold, String runId, int iterations) {
        return "# " + fileName(fold) + ": " + configuration.id() + " fold " + fold + " of Segfold run " + runId
                + " (data set " + spec.dataset() + ").\n"
                + "# Paths are PaddleSeg's relative defaults; Segfold keeps the data set in segfold-datasets/"
                + spec.dataset() + "/ and the plans in segfold-runs/" + runId + "/plans.json.\n"
                + "# The same training with PaddleSeg MedicalSeg:\n"
                + (iterations > 0 ? "" : "# Iterations: fitted by the trainer to the time budget of "
                + TimeBudgets.format(spec.timeBudget()) + " a fold (see the fold's checkpoint manifest).\n")
                + "#   python train.py --config " + fileName(fold) + " --nnunet"
                + (iterations > 0 ? " --iters " + iterations : "")
                + " --save_interval " + spec.saveInterval() + " --log_iters " + spec.logInterval()
                + " --keep_checkpoint_max " + spec.keepCheckpoints() + " --seed " + spec.seed()
                + (spec.precision() == Precision.BF16 ? " --precision fp16" : "") + "\n";
    }

    private static Yaml dumper() {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        options.setSplitLines(false);
        return new Yaml(options);
    }

    private static void requireFold(int fold) {
        if (fold < 0 || fold >= SpecDefaults.FOLD_COUNT) {
            throw new IllegalArgumentException("fold " + fold + " is outside 0.." + (SpecDefaults.FOLD_COUNT - 1));
        }
    }
}
