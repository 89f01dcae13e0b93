package dev.segfold.config.viewer;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segfold.config.rest.RunNotFoundException;
import dev.segfold.config.service.RunFiles;
import dev.segfold.contracts.json.ContractJson;
import dev.segfold.contracts.storage.DatasetLayout;
import dev.segfold.contracts.storage.FoldLayout;
import dev.segfold.contracts.storage.KeySegments;
import dev.segfold.contracts.storage.RunLayout;
import dev.segfold.service.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * A run's cases and volumes, read from storage (the source of truth) with the run's
 * {@code run.json} naming its data set, stages and folds. Every key is built by the contracts'
 * layouts, which validate each segment ({@link KeySegments}): a case id with a separator, "..",
 * or anything outside {@code [A-Za-z0-9._-]} is refused before any key exists.
 */
@ApplicationScoped
public class RunVolumes {
    /** Label values in numeric order, names that are not numbers after them. */
    private static final Comparator<String> LABEL_ORDER =
            Comparator.comparingInt(RunVolumes::labelOrder).thenComparing(Comparator.naturalOrder());

    /**
     * The evaluator's files are nnU-Net's (summary.json, postprocessing.json), which write a Dice
     * that is undefined as bare {@code NaN}, as Python's json does.
     */
    private static final ObjectMapper NNUNET_FILES = ContractJson.mapper().copy()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS.mappedFeature());

    private final ObjectStore store;
    private final RunFiles files;

    public RunVolumes(ObjectStore store, RunFiles files) {
        this.store = store;
        this.files = files;
    }

    /** One stored object: its bucket, key and size. */
    public record Located(String bucket, String key, long size) {}

    /** The run's cases, validation Dice and postprocessing choices. */
    public RunResults results(String runId) {
        JsonNode run = runJson(runId);
        RunLayout layout = RunLayout.of(runId);
        String dataset = run.path("dataset").asText(null);
        List<String> testCases = new ArrayList<>();
        for (String key : store.list(store.buckets().runs(), layout.ensemblePrefix())) {
            caseOf(key.substring(layout.ensemblePrefix().length())).ifPresent(testCases::add);
        }
        testCases.sort(Comparator.naturalOrder());
        List<RunResults.ValidationCase> validation = new ArrayList<>();
        List<RunResults.FoldPostprocessing> postprocessing = new ArrayList<>();
        for (Stage stage : stages(run)) {
            for (int fold : stage.folds()) {
                FoldLayout foldLayout = layout.fold(stage.configuration(), fold);
                Map<String, Map<String, Double>> dice = caseDice(foldLayout);
                List<String> cases = new ArrayList<>();
                for (String key : store.list(store.buckets().runs(), foldLayout.validationPrefix())) {
                    caseOf(key.substring(foldLayout.validationPrefix().length())).ifPresent(cases::add);
                }
                cases.sort(Comparator.naturalOrder());
                cases.forEach(c -> validation.add(new RunResults.ValidationCase(c, stage.index(), stage.configuration(),
                        fold, dice.getOrDefault(c, Map.of()))));
                json(store.buckets().runs(), foldLayout.postprocessing()).ifPresent(choice -> postprocessing.add(
                        new RunResults.FoldPostprocessing(stage.index(), stage.configuration(), fold, choice)));
            }
        }
        Map<String, String> labels = new TreeMap<>(LABEL_ORDER);
        if (dataset != null) {
            json(store.buckets().datasets(), DatasetLayout.of(dataset).datasetJson())
                    .ifPresent(d -> d.path("labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText())));
        }
        String configuration = run.path("configuration").asText(null);
        return new RunResults(runId, dataset, configuration, labels, testCases, validation, postprocessing,
                json(store.buckets().runs(), layout.ensemblePrefix() + "postprocessing.json").orElse(null));
    }

    /**
     * Where volume {@code kind} of case {@code caseId} is stored, if it is. A prediction comes from
     * the last stage whose fold validated the case (a cascade's final stage before its low-res one).
     */
    public Optional<Located> locate(String runId, String caseId, VolumeKind kind) {
        KeySegments.require("case", caseId);
        JsonNode run = runJson(runId);
        RunLayout layout = RunLayout.of(runId);
        String dataset = run.path("dataset").asText(null);
        return switch (kind) {
            case ENSEMBLE -> find(store.buckets().runs(), layout.ensemble(caseId));
            case IMAGE -> dataset == null ? Optional.empty()
                    : find(store.buckets().datasets(), DatasetLayout.of(dataset).testImage(caseId))
                    .or(() -> find(store.buckets().datasets(), DatasetLayout.of(dataset).trainingImage(caseId)));
            case LABEL -> dataset == null ? Optional.empty()
                    : find(store.buckets().datasets(), DatasetLayout.of(dataset).trainingLabel(caseId));
            case PREDICTION -> {
                List<Stage> stages = new ArrayList<>(stages(run));
                java.util.Collections.reverse(stages);
                for (Stage stage : stages) {
                    for (int fold : stage.folds()) {
                        Optional<Located> found = find(store.buckets().runs(),
                                layout.fold(stage.configuration(), fold).validationPrediction(caseId));
                        if (found.isPresent()) {
                            yield found;
                        }
                    }
                }
                yield Optional.empty();
            }
        };
    }

    /** The stored object as a stream; the caller closes it. */
    public InputStream open(Located located) {
        return store.open(located.bucket(), located.key());
    }

    private Optional<Located> find(String bucket, String key) {
        OptionalLong size = store.size(bucket, key);
        return size.isPresent() ? Optional.of(new Located(bucket, key, size.getAsLong())) : Optional.empty();
    }

    private JsonNode runJson(String runId) {
        return files.runJson(runId).orElseThrow(() -> RunNotFoundException.run(runId));
    }

    /** A stage of run.json: its index, configuration and every fold it trains or imports. */
    private record Stage(int index, String configuration, List<Integer> folds) {}

    private static List<Stage> stages(JsonNode run) {
        List<Stage> stages = new ArrayList<>();
        for (JsonNode s : run.path("stages")) {
            List<Integer> folds = new ArrayList<>();
            s.path("folds").forEach(f -> folds.add(f.asInt()));
            s.path("importFolds").forEach(f -> folds.add(f.asInt()));
            folds.sort(Comparator.naturalOrder());
            if (s.hasNonNull("configuration") && KeySegments.isValid(s.get("configuration").asText())) {
                stages.add(new Stage(s.path("stage").asInt(stages.size()), s.get("configuration").asText(), folds));
            }
        }
        return stages;
    }

    /**
     * Dice per foreground label of each case in the fold's summary.json (nnU-Net v1 layout); null
     * where nnU-Net wrote NaN (the label is in neither the reference nor the prediction).
     */
    private Map<String, Map<String, Double>> caseDice(FoldLayout fold) {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        json(store.buckets().runs(), fold.validationSummary()).ifPresent(summary -> {
            for (JsonNode entry : summary.path("results").path("all")) {
                String test = entry.path("test").asText("");
                Optional<String> caseId = caseOf(test.substring(test.lastIndexOf('/') + 1));
                if (caseId.isEmpty()) {
                    continue;
                }
                Map<String, Double> dice = new TreeMap<>(LABEL_ORDER);
                entry.properties().forEach(e -> {
                    if (e.getValue().isObject() && !"0".equals(e.getKey()) && e.getValue().path("Dice").isNumber()) {
                        double d = e.getValue().get("Dice").asDouble();
                        dice.put(e.getKey(), Double.isNaN(d) ? null : d);
                    }
                });
                out.put(caseId.get(), dice);
            }
        });
        return out;
    }

    /** The case id of a file name {@code <case>.nii.gz} directly under a prefix; empty for anything else. */
    static Optional<String> caseOf(String name) {
        if (!name.endsWith(RunLayout.NIFTI) || name.contains("/")) {
            return Optional.empty();
        }
        String id = name.substring(0, name.length() - RunLayout.NIFTI.length());
        return KeySegments.isValid(id) ? Optional.of(id) : Optional.empty();
    }

    private static int labelOrder(String label) {
        try {
            return Integer.parseInt(label);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    private Optional<JsonNode> json(String bucket, String key) {
        if (!store.exists(bucket, key)) {
            return Optional.empty();
        }
        try {
            return Optional.of(NNUNET_FILES.readTree(store.get(bucket, key)));
        } catch (IOException e) {
            throw new IllegalStateException(key + " in bucket " + bucket + " is not JSON: " + e.getMessage(), e);
        }
    }
}
