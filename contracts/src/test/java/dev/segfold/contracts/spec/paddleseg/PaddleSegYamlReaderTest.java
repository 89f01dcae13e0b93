package dev.segfold.contracts.spec.paddleseg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.contracts.spec.Configuration;
import dev.segfold.contracts.spec.InvalidSpecException;
import dev.segfold.contracts.spec.RunRequest;
import dev.segfold.contracts.spec.RunSpec;
import dev.segfold.contracts.spec.SpecProblem;
import dev.segfold.contracts.spec.StageSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PaddleSegYamlReaderTest {

    private final PaddleSegYamlReader reader = new PaddleSegYamlReader();

    private YamlImport importSeed(String text, RunRequest query) {
        return reader.read(SeedYaml.NAME, text, query, "run-1");
    }

    private Map<String, String> problems(String text, RunRequest query) {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> importSeed(text, query));
        return e.problems().stream().collect(Collectors.toMap(SpecProblem::field, SpecProblem::reason, (a, b) -> a + " | " + b));
    }

    private static Set<String> fields(List<SpecProblem> problems) {
        return problems.stream().map(SpecProblem::field).collect(Collectors.toSet());
    }

    @Test
    void theSeedConfigIsTheLowResStageOfACascadeWithItsRecipe() {
        YamlImport result = importSeed(SeedYaml.text(), SeedYaml.seedQuery());
        RunSpec spec = result.spec();
        assertEquals(Configuration.CASCADE_FULLRES_3D, spec.configuration());
        assertEquals(Configuration.LOWRES_3D, spec.stage0Configuration());
        assertTrue(spec.cascade());
        assertEquals(List.of(0, 1, 3, 4), spec.folds());
        assertEquals(List.of(2), spec.importedFolds());
        assertEquals(30_000, spec.iterations());
        StageSpec stage0 = spec.stages().get(0);
        assertEquals(Configuration.LOWRES_3D, stage0.configuration());
        assertEquals(30_000, stage0.iterations());
        assertEquals(0.99, spec.recipe().momentum());
        assertEquals(3e-5, spec.recipe().weightDecay());
        assertEquals(0.01, spec.recipe().learningRate());
        assertEquals(0.9, spec.recipe().polyPower());
        assertEquals(Boolean.FALSE, spec.recipe().batchDice());
        assertEquals(List.of(), result.unknownKeys());
        assertEquals(Set.of("batch_size", "train_dataset.num_batches_per_epoch", "val_dataset.num_batches_per_epoch"),
                fields(result.warnings()));
    }

    @Test
    void pathsOfTheAuthorsFileSystemAreMappedAndReported() {
        YamlImport result = importSeed(SeedYaml.text(), SeedYaml.seedQuery());
        Map<String, PathMapping> byField = result.mappings().stream()
                .collect(Collectors.toMap(PathMapping::field, m -> m));
        assertEquals(new PathMapping("data_root", "data/", "s3://segfold-datasets/Task04_Hippocampus/"),
                byField.get("data_root"));
        assertEquals(new PathMapping("model.plan_path", "data/preprocessed/nnUNetPlansv2.1_plans_3D.pkl",
                "s3://segfold-runs/run-1/plans.json"), byField.get("model.plan_path"));
        assertEquals("s3://segfold-datasets/Task04_Hippocampus/", byField.get("train_dataset.raw_data_dir").mappedTo());
        assertEquals("s3://segfold-cache/{dataset digest}/{plans digest}/",
                byField.get("val_dataset.preprocessed_dir").mappedTo());
        assertEquals("s3://segfold-runs/run-1/plans.json", byField.get("loss.types[0].plan_path").mappedTo());
        assertEquals(Set.of("data_root", "model.plan_path", "loss.types[0].plan_path",
                "train_dataset.plans_name", "train_dataset.dataset_root", "train_dataset.result_dir",
                "train_dataset.raw_data_dir", "train_dataset.decathlon_dir", "train_dataset.cropped_data_dir",
                "train_dataset.preprocessed_dir", "val_dataset.plans_name", "val_dataset.dataset_root",
                "val_dataset.result_dir", "val_dataset.raw_data_dir", "val_dataset.decathlon_dir",
                "val_dataset.cropped_data_dir", "val_dataset.preprocessed_dir"), byField.keySet());
    }

    @Test
    void everyKeyOfTheSeedIsUsedOrReported() {
        YamlImport result = importSeed(SeedYaml.text(), SeedYaml.seedQuery());
        List<String> keys = SeedYaml.keyPaths(SafeYaml.load(SeedYaml.text(), SeedYaml.NAME));
        assertEquals(63, keys.size(), "keys of the seed file: " + keys);
        Set<String> accounted = new HashSet<>(result.usedKeys());
        accounted.addAll(result.reportedKeys());
        for (String key : keys) {
            assertTrue(accounted.contains(key), key + " is neither used nor reported");
        }
        assertTrue(result.usedKeys().containsAll(List.of("iters", "train_dataset.fold", "optimizer.use_nesterov",
                "loss.types[0].losses[0].do_bg", "loss.coef")));
    }

    @Test
    void everyOptionalPaddleSegKeyIsAcceptedToo() {
        String text = SeedYaml.text().replace("  cascade: True\n\ntrain_dataset:", """
                  cascade: True
                  deep_supervision: True
                  convolutional_pooling: True
                  convolutional_upsampling: True
                  upscale_logits: False
                  pretrained: null

                train_dataset:""").replace("  mode: train\n", """
                  mode: train
                  num_threads: 4
                  use_multi_augmenter: True
                """).replace("  power: 0.9\n", "  power: 0.9\n  decay_steps: 30000\n")
                .replace("data_root: data/\n", "_base_: '../_base_/global_configs.yml'\ndata_root: data/\n");
        YamlImport result = importSeed(text, SeedYaml.seedQuery());
        assertEquals(List.of(), result.unknownKeys());
        assertTrue(fields(result.warnings()).containsAll(Set.of("_base_", "train_dataset.num_threads",
                "train_dataset.use_multi_augmenter")));
        List<String> keys = SeedYaml.keyPaths(SafeYaml.load(text, "t"));
        Set<String> accounted = new HashSet<>(result.usedKeys());
        accounted.addAll(result.reportedKeys());
        assertTrue(accounted.containsAll(keys), "unaccounted: " + keys.stream().filter(k -> !accounted.contains(k)).toList());
    }

    @Test
    void theSeedAloneCannotFeedACascadeAndTheMissingFoldsAreNamed() {
        Map<String, String> problems = problems(SeedYaml.text(), RunRequest.builder().dataset("Task04_Hippocampus").build());
        assertEquals(Set.of("train_dataset.fold"), problems.keySet());
        assertTrue(problems.get("train_dataset.fold").contains("missing folds 1, 2, 3, 4"), problems.toString());
    }

    @Test
    void theQueryChoosesTheLowResStageAlone() {
        RunRequest query = RunRequest.builder().dataset("Task04_Hippocampus").configuration("3d_lowres").build();
        RunSpec spec = importSeed(SeedYaml.text(), query).spec();
        assertEquals(Configuration.LOWRES_3D, spec.configuration());
        assertFalse(spec.cascade());
        assertEquals(List.of(0), spec.folds(), "the YAML's fold when the query names none");
        assertEquals(Set.of("configuration"), problems(SeedYaml.text(),
                query.toBuilder().configuration("3d_fullres").build()).keySet());
    }

    @Test
    void stageAndCascadeDecideTheConfiguration() {
        RunRequest query = RunRequest.builder().dataset("D").build();
        String single = SeedYaml.text().replace("cascade: True", "cascade: False");
        YamlImport fullres = importSeed(single, query);
        assertEquals(Configuration.FULLRES_3D, fullres.spec().configuration());
        assertTrue(fields(fullres.warnings()).contains("model.stage"), "stage 0 without cascade is ambiguous");
        assertEquals(Configuration.LOWRES_3D,
                importSeed(single, query.toBuilder().configuration("3d_lowres").build()).spec().configuration());
        String stage1 = single.replace("stage: 0", "stage: 1");
        assertEquals(Configuration.FULLRES_3D, importSeed(stage1, query).spec().configuration());
        assertTrue(problems(SeedYaml.text().replace("stage: 0", "stage: 1"), SeedYaml.seedQuery())
                .containsKey("model.stage"));
        Map<String, String> mixed = problems(SeedYaml.text().replaceFirst("  stage: 0\n  unpack_data", "  stage: 1\n  unpack_data"),
                SeedYaml.seedQuery());
        assertEquals(Set.of("train_dataset.stage"), mixed.keySet());
    }

    @Test
    void queryParametersOverrideTheYamlWithAWarning() {
        RunRequest query = SeedYaml.seedQuery().toBuilder().iterations(1000).build();
        YamlImport result = importSeed(SeedYaml.text(), query);
        assertEquals(1000, result.spec().iterations());
        assertTrue(fields(result.warnings()).contains("iters"));
    }

    @Test
    void valuesTheEngineCannotHonourAreAllRefusedTogether() {
        String text = SeedYaml.text().replace("use_nesterov: True", "use_nesterov: False")
                .replace("do_bg: False", "do_bg: True").replace("type: sgd", "type: adam")
                .replace("end_lr: 0", "end_lr: 0.001").replace("plan2d: False", "plan2d: True")
                .replace("coef: [1]", "coef: [0.5]");
        Map<String, String> problems = problems(text, SeedYaml.seedQuery());
        assertEquals(Set.of("optimizer.use_nesterov", "loss.types[0].losses[0].do_bg", "optimizer.type",
                "lr_scheduler.end_lr", "train_dataset.plan2d", "val_dataset.plan2d", "loss.coef"), problems.keySet());
        assertTrue(problems.get("optimizer.use_nesterov").contains("Nesterov"));
    }

    @Test
    void aValidationFoldOtherThanTheTrainFoldIsAProblem() {
        String text = SeedYaml.text().replace("fold: 0 # 修改此处 0 1\n", "fold: 1\n");
        assertEquals(Set.of("val_dataset.fold"), problems(text, SeedYaml.seedQuery()).keySet());
    }

    @Test
    void wrongTypesNameTheirKey() {
        Map<String, String> problems = problems(SeedYaml.text().replace("iters: 30000", "iters: \"abc\"")
                .replace("momentum: 0.99", "momentum: [1]").replace("batch_dice: False", "batch_dice: maybe")
                .replace("model:\n", "model: 3\nunused:\n"), SeedYaml.seedQuery());
        assertEquals(Set.of("iters", "optimizer.momentum", "loss.types[0].losses[0].batch_dice", "model"),
                problems.keySet());
        assertTrue(problems.get("iters").contains("must be an integer, got the string \"abc\""), problems.get("iters"));
    }

    @Test
    void negativeIterationsAndFoldSevenAreNamedByTheirYamlKeys() {
        RunRequest query = RunRequest.builder().dataset("D").configuration("3d_lowres").build();
        Map<String, String> problems = problems(SeedYaml.text().replace("iters: 30000", "iters: -5")
                .replace("fold: 0 # 修改此处 0 1 3 4", "fold: 7").replace("fold: 0 # 修改此处 0 1", "fold: 7"), query);
        assertEquals(Set.of("iters", "train_dataset.fold", "val_dataset.fold"), problems.keySet());
        assertTrue(problems.get("iters").contains("-5"));
        assertEquals("fold 7 is outside 0..4", problems.get("train_dataset.fold"));
    }

    @Test
    void unknownKeysAreReportedWithTheirPaths() {
        String text = SeedYaml.text().replace("iters: 30000", "iters: 30000\nexport:\n  transforms: []\n")
                .replace("  stage: 0\n  cascade: True\n\ntrain", "  stage: 0\n  cascade: True\n  dropout: 0.1\n\ntrain")
                .replace("do_bg: False", "do_bg: False\n          smooth: 1.0e-5")
                .replace("  power: 0.9", "  power: 0.9\n  warmup: 10\n  1: one");
        YamlImport result = importSeed(text, SeedYaml.seedQuery());
        assertEquals(Set.of("export", "model.dropout", "loss.types[0].losses[0].smooth", "lr_scheduler.warmup",
                "lr_scheduler.1"), Set.copyOf(result.unknownKeys()));
        assertEquals(30_000, result.spec().iterations(), "unknown keys do not stop an import");
    }

    @Test
    void exponentsAreNumbersAndAQuotedOneIsReadWithAWarning() {
        YamlImport plain = importSeed(SeedYaml.text().replace("weight_decay: 0.00003", "weight_decay: 3e-5"),
                SeedYaml.seedQuery());
        assertEquals(3e-5, plain.spec().recipe().weightDecay());
        YamlImport quoted = importSeed(SeedYaml.text().replace("weight_decay: 0.00003", "weight_decay: \"3e-5\""),
                SeedYaml.seedQuery());
        assertEquals(3e-5, quoted.spec().recipe().weightDecay());
        assertTrue(fields(quoted.warnings()).contains("optimizer.weight_decay"));
        assertFalse(fields(plain.warnings()).contains("optimizer.weight_decay"));
    }

    @Test
    void aWholeSubmissionIsCheckedInOneCall() {
        Map<String, List<String>> query = Map.of("dataset", List.of("Task04_Hippocampus"),
                "folds", List.of("0,1,3,4"), "importedFolds", List.of("2"), "saveInterval", List.of("2000"),
                "logInterval", List.of("20"), "precision", List.of("bf16"));
        var ok = reader.validate(SeedYaml.NAME, SeedYaml.text(), query, "run-1");
        assertEquals(2000, ok.orThrow("x").spec().saveInterval());
        assertEquals(20, ok.value().spec().logInterval());
        var bad = reader.validate(SeedYaml.NAME, "- not a map\n", Map.of("iterations", List.of("abc")), "run-1");
        assertEquals(Set.of("", "iterations"), fields(bad.problems()), bad.problems().toString());
    }

    @Test
    void aMissingDatasetAsksForTheQueryParameter() {
        Map<String, String> problems = problems(SeedYaml.text(), null);
        assertTrue(problems.get("dataset").contains("query parameter"), problems.toString());
    }
}
