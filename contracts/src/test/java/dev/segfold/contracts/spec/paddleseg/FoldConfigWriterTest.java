package dev.segfold.contracts.spec.paddleseg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.contracts.spec.Configuration;
import dev.segfold.contracts.spec.FoldSelection;
import dev.segfold.contracts.spec.RecipeRequest;
import dev.segfold.contracts.spec.RunRequest;
import dev.segfold.contracts.spec.RunSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FoldConfigWriterTest {

    private static final PaddleSegConfig SEED = PaddleSegConfig.parse(SeedYaml.NAME, SeedYaml.text());

    @SuppressWarnings("unchecked")
    private static Map<Object, Object> withFold(Map<Object, Object> tree, int fold) {
        Map<Object, Object> copy = new LinkedHashMap<>(tree);
        for (String section : List.of("train_dataset", "val_dataset")) {
            Map<Object, Object> s = new LinkedHashMap<>((Map<Object, Object>) copy.get(section));
            s.put("fold", fold);
            copy.put(section, s);
        }
        return copy;
    }

    @Test
    void seedFoldConfigsAreTheSeedExceptFold() {
        Map<Integer, String> configs = FoldConfigWriter.forFolds(SEED, List.of(4, 0, 1, 3));
        assertEquals(List.of(0, 1, 3, 4), new ArrayList<>(configs.keySet()));
        for (Map.Entry<Integer, String> e : configs.entrySet()) {
            int fold = e.getKey();
            Object tree = SafeYaml.load(e.getValue(), FoldConfigWriter.fileName(fold));
            assertEquals(withFold(SEED.root(), fold), tree, "fold " + fold);
            Map<?, ?> train = (Map<?, ?>) ((Map<?, ?>) tree).get("train_dataset");
            assertEquals(fold, train.get("fold"));
        }
        assertEquals(SeedYaml.text(), configs.get(0), "fold 0 of a fold-0 config is the config itself");
        assertNotEquals(SEED.root(), SafeYaml.load(configs.get(3), "x"), "fold 3 differs");
    }

    @Test
    void onlyTheFoldValuesChangeInTheText() {
        String fold3 = FoldConfigWriter.forFold(SEED, 3);
        List<String> before = SeedYaml.text().lines().toList();
        List<String> after = fold3.lines().toList();
        assertEquals(before.size(), after.size());
        List<Integer> changed = new ArrayList<>();
        for (int i = 0; i < before.size(); i++) {
            if (!before.get(i).equals(after.get(i))) {
                changed.add(i);
                assertEquals(before.get(i).replace("fold: 0", "fold: 3"), after.get(i));
            }
        }
        assertEquals(2, changed.size(), "train and val fold lines");
        assertTrue(fold3.contains("fold: 3 # 修改此处 0 1 3 4"), "comments stay");
    }

    @Test
    void flowStyleAndMultibyteTextAreReplacedInPlace() {
        String text = "# 中文 😀 comment\niters: 10\ntrain_dataset: {type: MSDDataset, fold: 0, mode: train}\n"
                + "val_dataset: {fold: 0 , mode: val}  # 😀\n";
        String out = FoldConfigWriter.forFold(PaddleSegConfig.parse("flow.yml", text), 2);
        assertEquals(text.replace("fold: 0", "fold: 2"), out);
    }

    @Test
    void aFoldThatCannotBeReplacedOnItsOwnIsRefused() {
        String anchored = "x: &f 0\ntrain_dataset:\n  fold: *f\nval_dataset:\n  fold: *f\n";
        assertThrows(IllegalArgumentException.class,
                () -> FoldConfigWriter.forFold(PaddleSegConfig.parse("a.yml", anchored), 1));
        String quoted = "train_dataset:\n  fold: \"0\"\n";
        assertThrows(IllegalArgumentException.class,
                () -> FoldConfigWriter.forFold(PaddleSegConfig.parse("q.yml", quoted), 1));
        String missing = "iters: 1\ntrain_dataset:\n  mode: train\n";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FoldConfigWriter.forFold(PaddleSegConfig.parse("m.yml", missing), 1));
        assertTrue(e.getMessage().contains("train_dataset.fold is missing"));
        assertThrows(IllegalArgumentException.class, () -> FoldConfigWriter.forFold(SEED, 5));
    }

    @Test
    void aJsonRunGetsCleanConfigsThatReadBackToTheSameRecipe() {
        RunSpec spec = RunRequest.builder().dataset("Task04_Hippocampus").configuration("3d_cascade_fullres")
                .importedFolds(FoldSelection.of(2)).iterations(1234).cascadeIterations(4321)
                .recipe(new RecipeRequest(0.02, 0.8, 0.95, 1e-4, null, null)).build().toSpec();
        String lowres = FoldConfigWriter.generate(spec, Configuration.LOWRES_3D, 3, 0, "run-7");
        assertTrue(lowres.startsWith("# nnunet_fold3.yml: 3d_lowres fold 3 of Segfold run run-7"), lowres);
        assertTrue(lowres.contains("--iters 1234 --save_interval 1000 --log_iters 100"), lowres);

        RunRequest query = RunRequest.builder().dataset("Task04_Hippocampus").folds(FoldSelection.of(0, 1, 3, 4))
                .importedFolds(FoldSelection.of(2)).cascadeIterations(4321).build();
        YamlImport back = new PaddleSegYamlReader().read("nnunet_fold3.yml", lowres, query, "run-7");
        assertEquals(List.of(), back.unknownKeys());
        RunSpec read = back.spec();
        assertEquals(Configuration.CASCADE_FULLRES_3D, read.configuration());
        assertEquals(1234, read.iterations());
        assertEquals(0.02, read.recipe().learningRate());
        assertEquals(0.8, read.recipe().polyPower());
        assertEquals(0.95, read.recipe().momentum());
        assertEquals(1e-4, read.recipe().weightDecay());
        assertEquals(Boolean.FALSE, read.recipe().batchDice(), "low-res trains without batch Dice");
        assertEquals(spec, new RunSpec(read.name(), read.dataset(), read.configuration(), read.folds(),
                read.importedFolds(), read.iterations(), read.cascadeFolds(), read.cascadeIterations(), read.batchSize(),
                read.saveInterval(), read.logInterval(), read.keepCheckpoints(), read.seed(), read.precision(),
                read.network(), spec.recipe(), read.postprocessing(), read.evaluateEveryCheckpoint()),
                "everything else round-trips");

        Map<?, ?> stage1 = (Map<?, ?>) SafeYaml.load(
                FoldConfigWriter.generate(spec, Configuration.CASCADE_FULLRES_3D, 0, 1, "run-7"), "s1");
        assertEquals(4321, stage1.get("iters"));
        assertEquals(1, ((Map<?, ?>) stage1.get("model")).get("stage"));
        assertEquals(Boolean.TRUE, ((Map<?, ?>) stage1.get("model")).get("cascade"));
        assertEquals(0, ((Map<?, ?>) stage1.get("val_dataset")).get("fold"));
    }

    @Test
    void aGeneratedFullresConfigReadsBackAsFullres() {
        RunSpec spec = RunRequest.builder().dataset("Task04_Hippocampus").iterations(50)
                .recipe(new RecipeRequest(null, null, null, null, null, true)).build().toSpec();
        String yaml = FoldConfigWriter.generate(spec, Configuration.FULLRES_3D, 4, 0, "r");
        YamlImport back = new PaddleSegYamlReader().read("g.yml", yaml,
                RunRequest.builder().dataset("Task04_Hippocampus").configuration("3d_fullres").build(), "r");
        assertEquals(Configuration.FULLRES_3D, back.spec().configuration());
        assertEquals(List.of(4), back.spec().folds());
        assertEquals(Boolean.TRUE, back.spec().recipe().batchDice());
        assertEquals(FoldConfigWriter.forFold(PaddleSegConfig.parse("g.yml", yaml), 4), yaml);
    }

    @Test
    void generationRefusesWhatTheRunDoesNotHave() {
        RunSpec spec = RunRequest.builder().dataset("D").folds(FoldSelection.of(0, 1)).build().toSpec();
        assertThrows(IllegalArgumentException.class, () -> FoldConfigWriter.generate(spec, Configuration.LOWRES_3D, 0, 0, "r"));
        assertThrows(IllegalArgumentException.class, () -> FoldConfigWriter.generate(spec, Configuration.FULLRES_3D, 3, 0, "r"));
        assertThrows(IllegalArgumentException.class, () -> FoldConfigWriter.generate(spec, Configuration.FULLRES_3D, 0, 2, "r"));
        assertThrows(IllegalArgumentException.class, () -> FoldConfigWriter.generate(spec, Configuration.FULLRES_3D, 0, 0, "../x"));
    }
}
