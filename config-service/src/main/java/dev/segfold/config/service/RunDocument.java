package dev.segfold.config.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.segfold.config.service.RunPlanner.PlannedRun;
import dev.segfold.contracts.json.ContractJson;
import dev.segfold.contracts.spec.RunSpec;
import dev.segfold.contracts.spec.StageSpec;

/**
 * The content of {@code segfold-runs/<run>/run.json}: the request as accepted and the resolved
 * spec, with the fields other services read at the top level ({@code runId}, {@code dataset},
 * {@code configuration}, {@code folds}, {@code importFolds}, {@code evaluateEveryCheckpoint},
 * {@code stages}) so they need not know the spec's shape. Each stage carries the
 * {@code settings} its folds train, are evaluated and predicted with ({@code FoldSettings}, the
 * precision decided); {@code precision} says how that precision was chosen; {@code submittedBy}
 * who submitted it (the principal of the token; cancelling is allowed to that principal and admins).
 */
public final class RunDocument {
    /** Version of this document's shape. */
    public static final int FORMAT_VERSION = 1;

    private RunDocument() {
    }

    /** The document of an accepted run. */
    public static ObjectNode of(AcceptedRun run, PlannedRun planned) {
        ObjectMapper mapper = ContractJson.mapper();
        RunSpec spec = run.submission().spec();
        ObjectNode root = mapper.createObjectNode();
        root.put("formatVersion", FORMAT_VERSION);
        root.put("runId", run.runId());
        root.put("name", spec.name());
        root.put("dataset", spec.dataset());
        root.put("configuration", spec.configuration().id());
        root.set("folds", mapper.valueToTree(spec.folds()));
        root.set("importFolds", mapper.valueToTree(spec.importedFolds()));
        root.put("evaluateEveryCheckpoint", spec.evaluateEveryCheckpoint());
        ArrayNode stages = root.putArray("stages");
        for (StageSpec stage : spec.stages()) {
            ObjectNode s = stages.addObject();
            s.put("stage", stage.stage());
            s.put("configuration", stage.configuration().id());
            s.set("folds", mapper.valueToTree(stage.folds()));
            s.set("importFolds", mapper.valueToTree(stage.importedFolds()));
            s.put("iterations", stage.iterations());
            s.set("settings", mapper.valueToTree(spec.foldSettings(stage)));
        }
        root.set("precision", mapper.valueToTree(run.precision()));
        root.put("iterations", spec.iterations());
        root.put("saveInterval", spec.saveInterval());
        root.put("logInterval", spec.logInterval());
        root.put("keepCheckpoints", spec.keepCheckpoints());
        root.put("seed", spec.seed());
        root.put("acceptedAt", run.acceptedAt().toString());
        root.put("submittedBy", run.submittedBy());
        ObjectNode keys = root.putObject("keys");
        keys.put("runJson", run.runJsonKey());
        keys.put("plans", run.plansKey());
        keys.put("splits", run.splitsKey());
        ArrayNode configs = keys.putArray("configs");
        run.folds().forEach(f -> configs.add(mapper.valueToTree(f)));
        ObjectNode planning = root.putObject("planning");
        planning.put("stages", planned.plans().numStages());
        planning.put("forcedLowres", planned.forcedLowres());
        planning.put("trainingCases", planned.trainingCases());
        root.set("pathMappings", mapper.valueToTree(run.submission().pathMappings()));
        root.set("unknownKeys", mapper.valueToTree(run.submission().unknownKeys()));
        root.set("warnings", mapper.valueToTree(run.submission().warnings()));
        root.set("spec", mapper.valueToTree(spec));
        JsonNode request = run.submission().request();
        root.set("request", request == null ? mapper.nullNode() : request);
        return root;
    }
}
