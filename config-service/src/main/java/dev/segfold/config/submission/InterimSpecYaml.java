package dev.segfold.config.submission;

import dev.segfold.contracts.spec.RunSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Stand-in until the contracts' fold-config writer exists: the PaddleSeg config of a JSON request,
 * in the shape of {@code examples/nnunet_fold0.yml}, so every run has its per-fold YAML files.
 */
final class InterimSpecYaml {

    private InterimSpecYaml() {
    }

    static String render(RunSpec spec, int fold) {
        boolean cascade = spec.cascade();
        Map<String, Object> root = new LinkedHashMap<>();
        if (spec.batchSize() != null) {
            root.put("batch_size", spec.batchSize());
        }
        root.put("iters", spec.iterations());
        root.put("model", map("type", "NNUNet", "stage", 0, "cascade", cascade));
        root.put("train_dataset", dataset(fold, cascade, "train"));
        root.put("val_dataset", dataset(fold, cascade, "val"));
        root.put("optimizer", map("type", "sgd", "momentum", spec.recipe().momentum(),
                "weight_decay", spec.recipe().weightDecay(), "use_nesterov", true));
        root.put("lr_scheduler", map("type", "PolynomialDecay", "learning_rate", spec.recipe().learningRate(),
                "end_lr", 0, "power", spec.recipe().polyPower()));
        root.put("loss", map("types", List.of(map("type", "MultipleLoss", "losses",
                List.of(map("type", "DC_and_CE_loss", "do_bg", false, "batch_dice",
                        spec.recipe().batchDice() != null && spec.recipe().batchDice())),
                "coef", List.of(1.0))), "coef", List.of(1)));
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return new Yaml(options).dump(root);
    }

    private static Map<String, Object> dataset(int fold, boolean cascade, String mode) {
        return map("type", "MSDDataset", "plan3d", true, "fold", fold, "stage", 0, "cascade", cascade, "mode", mode);
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
