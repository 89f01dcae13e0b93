package dev.segfold.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segfold.contracts.json.ContractJson;
import dev.segfold.contracts.storage.KeySegments;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./segfold retry RUN [--fold K]}: {@code POST /runs/RUN/retry}, which restarts the run's
 * failed folds (or fold K) from their newest checkpoint as a new round of attempts. Prints each fold
 * and its new attempt, or why it was not retried; exits non-zero with the API's reason when nothing
 * was.
 */
@Command(name = "segfold retry", mixinStandardHelpOptions = true,
        description = "Restart a run's failed folds from their newest checkpoint.")
public final class RetryClient implements Callable<Integer> {
    @Parameters(index = "0", description = "the run id")
    String runId;

    @Option(names = "--fold", description = "only this fold (of any stage); default: every failed fold")
    Integer fold;

    @Option(names = "--api", defaultValue = "http://localhost:8080", description = "config-service (default: ${DEFAULT-VALUE})")
    URI api;

    @Option(names = "--token-file", defaultValue = ".segfold/api-token",
            description = "bearer token for the API, written by ./segfold up; SEGFOLD_API_TOKEN overrides (default: ${DEFAULT-VALUE})")
    Path tokenFile;

    public static void main(String[] args) {
        ClientCommandLine.runAndExit(new RetryClient(), args);
    }

    @Override
    public Integer call() throws Exception {
        KeySegments.require("RUN", runId);
        String path = "/runs/" + runId + "/retry" + (fold == null ? "" : "?fold=" + fold);
        HttpRequest request = HttpRequest.newBuilder(api.resolve(path)).POST(HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Bearer " + ApiToken.read(tokenFile)).timeout(Duration.ofMinutes(1)).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode body = response.body().isBlank() ? ContractJson.mapper().createObjectNode()
                : ContractJson.mapper().readTree(response.body());
        if (response.statusCode() != 202) {
            System.out.println("[segfold] retry of run " + runId + " refused (" + response.statusCode() + "): "
                    + body.path("detail").asText(response.body()));
            return 1;
        }
        for (JsonNode f : body.path("folds")) {
            String which = "stage " + f.path("stage").asInt() + " " + f.path("configuration").asText() + " fold "
                    + f.path("fold").asInt();
            System.out.println("[segfold] " + which + (f.hasNonNull("attempt")
                    ? ": attempt " + f.path("attempt").asInt() + " requested, from its newest checkpoint"
                    : ": not retried, " + f.path("reason").asText()));
        }
        System.out.println("[segfold] follow it with: curl -H \"Authorization: Bearer $TOKEN\" " + api.resolve("/runs/"
                + runId));
        return 0;
    }
}
