package dev.segfold.config.projection;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segfold.contracts.json.ContractJson;
import dev.segfold.contracts.spec.FoldSettings;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Views of runs made from their stored objects instead of status events: {@code run.json} for what
 * was asked, and the state the run's objects show. Used for runs whose events the projection has
 * not seen, above all those whose events aged out of {@code segfold.status} (its retention deletes
 * them after 7 days, the runs' objects stay).
 */
public final class StoredRunViews {
    /** {@code waitingFor} of a run the projection has no events of that is not known to be over. */
    public static final String NO_EVENTS = "status events of this run (the projection has not seen any)";

    private StoredRunViews() {
    }

    /** A run known only from its run.json, state unknown beyond accepted. */
    public static RunView pending(JsonNode runJson) {
        return of(runJson, RunState.ACCEPTED, null, null);
    }

    /**
     * A run known from its stored objects.
     *
     * @param state      what the objects show: COMPLETED (a submission), CANCELLED (the cancel
     *                   marker), FAILED (a fold that failed for good), else ACCEPTED
     * @param failure    why it failed or was cancelled, or null
     * @param submission the stored submission, or null
     */
    public static RunView of(JsonNode json, RunState state, String failure, RunView.SubmissionView submission) {
        List<String> stages = new ArrayList<>();
        List<RunView.StageView> stageViews = new ArrayList<>();
        json.path("stages").forEach(s -> {
            stages.add(s.path("configuration").asText());
            stageViews.add(new RunView.StageView(s.path("stage").asInt(), s.path("configuration").asText(),
                    ints(s.path("folds")), ints(s.path("importFolds")),
                    s.hasNonNull("iterations") ? s.get("iterations").asInt() : null,
                    s.hasNonNull("settings") ? ContractJson.mapper().convertValue(s.get("settings"), FoldSettings.class)
                            : null, List.of()));
        });
        Instant accepted = instant(json.path("acceptedAt"));
        return new RunView(json.path("runId").asText(), json.path("dataset").asText(null),
                json.path("configuration").asText(null), stages, ints(json.path("folds")),
                ints(json.path("importFolds")), json.hasNonNull("iterations") ? json.get("iterations").asInt() : null,
                state, List.of(), stageViews, null, submission, state.terminal() ? List.of() : List.of(NO_EVENTS),
                failure, accepted, accepted, 0, json.path("submittedBy").asText(null));
    }

    private static Instant instant(JsonNode node) {
        try {
            return node.isTextual() ? Instant.parse(node.asText()) : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static List<Integer> ints(JsonNode array) {
        List<Integer> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asInt()));
        return out;
    }
}
