package dev.segfold.client.request;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The lines {@code ./segfold run} prints from the answer to {@code POST /runs}: the precision and
 * how it was decided, each stage's effective settings (defaults filled in, as every fold of the
 * stage trains), and what the server did not use (unknown YAML keys, warnings).
 */
public final class EffectiveSettings {
    private EffectiveSettings() {
    }

    /** Human-readable lines, without the {@code [segfold]} prefix. */
    public static List<String> lines(JsonNode answer) {
        List<String> out = new ArrayList<>();
        JsonNode precision = answer.path("precision");
        if (precision.isObject()) {
            out.add("precision " + precision.path("resolved").asText() + " (requested "
                    + precision.path("requested").asText() + "; " + precision.path("reason").asText() + ")");
        }
        for (JsonNode stage : answer.path("stagePlans")) {
            JsonNode s = stage.path("settings");
            if (!s.isObject()) {
                continue;
            }
            JsonNode r = s.path("recipe");
            String length = s.hasNonNull("timeBudget") ? "iterations fitted to " + budget(s.path("timeBudget"))
                    + " of training by each trainer" + (s.path("fitNetworkToBudget").asBoolean()
                            ? " (with the network width and batch it chooses for the budget)" : "")
                    : s.path("iterations").asInt() + " iterations";
            out.add("stage " + stage.path("stage").asInt() + " " + stage.path("configuration").asText() + ": "
                    + length + ", " + s.path("precision").asText()
                    + ", lr " + r.path("learningRate").asDouble() + " poly " + r.path("polyPower").asDouble()
                    + ", momentum " + r.path("momentum").asDouble() + ", weight decay " + r.path("weightDecay").asDouble()
                    + ", clip " + r.path("gradientClipNorm").asDouble() + ", batch Dice "
                    + (r.path("batchDice").isBoolean() ? r.path("batchDice").asText() : "as planned")
                    + ", save every " + s.path("saveInterval").asInt() + ", log every " + s.path("logInterval").asInt()
                    + ", keep " + s.path("keepCheckpoints").asInt() + ", seed " + s.path("seed").asLong()
                    + (s.has("validationBatches") ? (s.path("validationBatches").asInt() == 0
                            ? ", no validation during training"
                            : ", validate every " + s.path("epochIterations").asInt() + " on "
                            + s.path("validationBatches").asInt() + " batches") : "")
                    + ", postprocessing " + (s.path("postprocessing").asBoolean() ? "on" : "off")
                    + ", evaluate " + (s.path("evaluateEveryCheckpoint").asBoolean() ? "every checkpoint"
                    : "the final checkpoint"));
        }
        List<String> unknown = new ArrayList<>();
        answer.path("unknownKeys").forEach(k -> unknown.add(k.asText()));
        if (!unknown.isEmpty()) {
            out.add("unknown keys, not used: " + String.join(", ", unknown));
        }
        answer.path("warnings").forEach(w -> out.add("warning: " + w.path("field").asText() + ": "
                + w.path("reason").asText()));
        return out;
    }

    /** {@code 12m}: the contracts' JSON writes a duration as seconds, or as ISO-8601 text. */
    static String budget(JsonNode value) {
        java.time.Duration d = value.isNumber() ? java.time.Duration.ofMillis(Math.round(value.asDouble() * 1000))
                : java.time.Duration.parse(value.asText());
        return dev.segfold.contracts.spec.TimeBudgets.format(d);
    }
}
