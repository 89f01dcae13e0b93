package dev.segfold.config.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.segfold.config.service.RunPlanner.PlannedRun;
import dev.segfold.contracts.json.ContractJson;
import dev.segfold.contracts.spec.FieldNames;
import dev.segfold.contracts.spec.FoldSettings;
import dev.segfold.contracts.spec.NetworkOverrides;
import dev.segfold.contracts.spec.RecipeRequest;
import dev.segfold.contracts.spec.RunRequest;
import dev.segfold.contracts.spec.RunRequestJson;
import dev.segfold.contracts.spec.RunSpec;
import dev.segfold.contracts.spec.StageSpec;
import dev.segfold.engine.dataset.MsdDataset;
import dev.segfold.engine.hardware.NativeBf16;
import dev.segfold.engine.network.UNet3dConfig;
import dev.segfold.engine.plan.Configuration;
import dev.segfold.engine.synthetic.SyntheticDatasetGenerator;
import dev.segfold.engine.training.TrainingConfig;
import dev.segfold.engine.workflow.FoldTraining;
import dev.segfold.engine.workflow.NetworkPlans;
import dev.segfold.service.run.EngineSettings;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Nothing in a run request is accepted and then ignored: each field of {@code POST /runs} is set
 * in turn to a value other than its default, and what the trainers would then be asked to compute
 * must differ from the default run's. "What they compute" is what the config-service derives and
 * sends, followed into the engine: per stage, the folds requested and imported, each fold's
 * {@link FoldSettings} mapped by {@link EngineSettings} into the engine's {@link TrainingConfig}
 * and network (from the plans planned with the request's overrides), its config digest, the
 * trainer's intervals and retention, and the evaluator's postprocessing and checkpoint choice.
 * The field list comes from the request records themselves, so a new field without an entry here
 * fails this test.
 */
class FoldSettingsReachTrainingTest {
    private static MsdDataset dataset;
    private static final AutoPrecision FP32_HOST = new AutoPrecision("detect", () -> new NativeBf16(false, "test host"));

    /** Each leaf field of the request, a value other than its default, and the configuration to try it on. */
    private static final Map<String, Object[]> VARIANTS = new LinkedHashMap<>();

    static {
        put("name", "another-name", null);
        put("dataset", "Other", null);
        put("configuration", "3d_lowres", null);
        put("folds", List.of(0, 2), null);
        put("importedFolds", List.of(4), null);
        put("cascadeFolds", List.of(1), "3d_cascade_fullres");
        put("iterations", 7, null);
        put("cascadeIterations", 9, "3d_cascade_fullres");
        put("batchSize", 1, null);
        put("saveInterval", 3, null);
        put("logInterval", 2, null);
        put("keepCheckpoints", 1, null);
        put("seed", 99, null);
        put("precision", "bf16", null);
        put("network.baseFeatures", 4, null);
        put("network.maxPools", 1, null);
        put("network.patch", List.of(8, 8, 8), null);
        put("recipe.learningRate", 0.005, null);
        put("recipe.polyPower", 0.5, null);
        put("recipe.momentum", 0.9, null);
        put("recipe.weightDecay", 1e-4, null);
        put("recipe.gradientClipNorm", 0.0, null);
        put("recipe.batchDice", true, null);
        put("postprocessing", false, null);
        put("evaluateEveryCheckpoint", true, null);
        put("timeBudget", "30m", "budget");
        put("epochIterations", 5, null);
        put("validationBatches", 0, null);
    }

    private static void put(String path, Object value, String configuration) {
        VARIANTS.put(path, new Object[] {value, configuration});
    }

    @BeforeAll
    static void generate() throws IOException {
        Path folder = Files.createTempDirectory("segfold-fold-settings");
        SyntheticDatasetGenerator.builder().trainingCases(6).optTestCases(1).optShape(16, 16, 16)
                .optName("Synthetic").build().generate(folder);
        dataset = MsdDataset.open(folder);
    }

    @Test
    void theVariantsNameEveryFieldOfTheRequest() {
        TreeSet<String> fields = new TreeSet<>();
        for (RecordComponent c : RunRequest.class.getRecordComponents()) {
            if (c.getType() == NetworkOverrides.class) {
                leaves("network.", NetworkOverrides.class, fields);
            } else if (c.getType() == RecipeRequest.class) {
                leaves("recipe.", RecipeRequest.class, fields);
            } else {
                fields.add(c.getName());
            }
        }
        assertEquals(fields, new TreeSet<>(VARIANTS.keySet()),
                "every request field needs a variant here, proving it changes what trains");
    }

    @Test
    void everyFieldChangesWhatTheTrainersCompute() {
        Map<String, String> baselines = new LinkedHashMap<>();
        List<String> unchanged = new ArrayList<>();
        VARIANTS.forEach((path, variant) -> {
            // a budget replaces the count: both runs leave iterations to their default
            boolean budget = "budget".equals(variant[1]);
            String configuration = budget ? null : (String) variant[1];
            String baseline = baselines.computeIfAbsent(String.valueOf(variant[1]),
                    c -> signature(withoutCount(request(configuration, null, null), budget)));
            String changed = signature(withoutCount(request(configuration, path, variant[0]), budget));
            System.out.println("[run field] " + path + "=" + variant[0] + (configuration == null ? "" : " on "
                    + configuration) + ": " + (changed.equals(baseline) ? "NO EFFECT" : "changes the run"));
            if (changed.equals(baseline)) {
                unchanged.add(path);
            }
        });
        assertTrue(unchanged.isEmpty(), "accepted and ignored: " + unchanged);
    }

    @Test
    void theRecipeReachesTheEngineValueForValue() {
        RunSpec spec = spec(request(null, "recipe", ContractJson.mapper().valueToTree(
                new RecipeRequest(0.005, 0.8, 0.95, 1e-4, 6.0, true))));
        spec = spec.withPrecision(FP32_HOST.choose(spec.precision()).resolved());
        PlannedRun planned = RunPlanner.plan(dataset, spec, 2.0);
        TrainingConfig t = FoldTraining.trainingConfig(planned.plans(), Configuration.FULLRES_3D,
                EngineSettings.training(spec.foldSettings(spec.stages().get(0)), 1));
        assertEquals(0.005, t.initialLearningRate());
        assertEquals(0.8, t.polyPower());
        assertEquals(0.95, t.momentum());
        assertEquals(1e-4, t.weightDecay());
        assertEquals(6.0, t.gradientClipNorm());
        assertTrue(t.batchDice());
        assertEquals(dev.segfold.engine.network.Precision.FP32, t.precision());
        assertEquals(planned.plans().stage(Configuration.FULLRES_3D).batchSize(), t.batchSize());
        assertEquals(0.005 * Math.pow(1 - 10.0 / SPEC_ITERATIONS, 0.8), t.schedule().at(10), 1e-12,
                "the schedule decays from the requested rate with the requested power");
    }

    private static final int SPEC_ITERATIONS = 20;

    @Test
    void autoPrecisionIsDecidedOnceAndABf16RunTrainsInBf16() {
        RunSpec spec = spec(request(null, null, null));
        assertEquals(dev.segfold.contracts.spec.Precision.AUTO, spec.precision());
        AutoPrecision amxHost = new AutoPrecision("detect", () -> new NativeBf16(true, "CPU flags amx_bf16"));
        PrecisionChoice choice = amxHost.choose(spec.precision());
        assertEquals(dev.segfold.contracts.spec.Precision.BF16, choice.resolved());
        assertTrue(choice.reason().contains("amx_bf16"), choice.reason());
        FoldSettings settings = spec.withPrecision(choice.resolved()).foldSettings(spec.stages().get(0));
        assertEquals(dev.segfold.engine.network.Precision.BF16, EngineSettings.training(settings, 1).precision());
        assertEquals(dev.segfold.contracts.spec.Precision.FP32, FP32_HOST.choose(spec.precision()).resolved());
        assertEquals(dev.segfold.contracts.spec.Precision.FP32,
                new AutoPrecision("fp32", () -> new NativeBf16(true, "ignored")).choose(spec.precision()).resolved(),
                "a deployment's auto-precision setting wins over detection");
        assertEquals(dev.segfold.contracts.spec.Precision.BF16, FP32_HOST.choose(
                dev.segfold.contracts.spec.Precision.BF16).resolved(), "a precision asked for is kept");
    }

    private static ObjectNode withoutCount(ObjectNode request, boolean budget) {
        if (budget) {
            request.remove("iterations");
        }
        return request;
    }

    /** The request as a user posts it: JSON, read by the server's strict reader. */
    private static ObjectNode request(String configuration, String path, Object value) {
        ObjectNode root = ContractJson.mapper().createObjectNode();
        root.put("dataset", "Synthetic");
        root.put("iterations", SPEC_ITERATIONS);
        if (configuration != null) {
            root.put("configuration", configuration);
        }
        if (path != null) {
            String[] names = path.split("\\.");
            ObjectNode node = root;
            for (int i = 0; i < names.length - 1; i++) {
                node = node.has(names[i]) ? (ObjectNode) node.get(names[i]) : node.putObject(names[i]);
            }
            node.set(names[names.length - 1], ContractJson.mapper().valueToTree(value));
        }
        return root;
    }

    private static RunSpec spec(ObjectNode request) {
        return RunRequestJson.read(ContractJson.writeString(request)).orThrow("run request")
                .validate(FieldNames.JSON).orThrow("run request");
    }

    /** What the config-service sends the trainers for this request, followed into the engine. */
    private static String signature(ObjectNode request) {
        RunSpec spec = spec(request);
        spec = spec.withPrecision(FP32_HOST.choose(spec.precision()).resolved());
        // the data set's name picks the data; here every name is planned on the same files
        PlannedRun planned = RunPlanner.plan(dataset, spec, 2.0);
        StringBuilder out = new StringBuilder("name=" + spec.name() + " dataset=" + spec.dataset() + "\n");
        for (StageSpec stage : spec.stages()) {
            FoldSettings settings = spec.foldSettings(stage);
            Configuration configuration = Configuration.fromId(stage.configuration().id());
            FoldTraining.Settings engine = EngineSettings.training(settings, 1);
            UNet3dConfig network = NetworkPlans.network(planned.plans(), configuration);
            out.append("stage ").append(stage.stage()).append(' ').append(configuration.id())
                    .append(" trained=").append(stage.folds()).append(" imported=").append(stage.importedFolds())
                    .append("\n  network=").append(network.toJson())
                    .append("\n  training=").append(engine.needsFit()
                            ? "fitted by the trainer to " + engine.timeBudget() + " with "
                            + FoldTraining.trainingConfig(planned.plans(), configuration, engine.withIterations(1)).toJson()
                            : FoldTraining.trainingConfig(planned.plans(), configuration, engine).toJson())
                    .append("\n  digest=").append(FoldTraining.configDigest(planned.plans(), configuration,
                            engine.needsFit() ? engine.withIterations(1) : engine))
                    .append("\n  trainer=").append(engine.options())
                    .append("\n  evaluator: postprocessing=").append(settings.postprocessing())
                    .append(" everyCheckpoint=").append(settings.evaluateEveryCheckpoint()).append('\n');
        }
        return out.toString();
    }

    private static void leaves(String prefix, Class<? extends Record> type, TreeSet<String> out) {
        for (RecordComponent c : type.getRecordComponents()) {
            out.add(prefix + c.getName());
        }
    }

    @Test
    void theDefaultRunIsPlannedAndSignedAtAll() {
        String a = signature(request(null, null, null));
        assertNotEquals("", a);
        assertEquals(a, signature(request(null, null, null)), "the same request gives the same signature");
    }
}
