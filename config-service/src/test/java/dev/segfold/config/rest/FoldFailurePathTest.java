package dev.segfold.config.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.config.retry.FoldAttempts;
import dev.segfold.contracts.access.ApiRole;
import dev.segfold.contracts.events.FailurePhase;
import dev.segfold.contracts.events.FoldCheckpointed;
import dev.segfold.contracts.events.FoldFailed;
import dev.segfold.contracts.events.FoldId;
import dev.segfold.contracts.events.FoldTrainingRequested;
import dev.segfold.contracts.events.RunFailed;
import dev.segfold.contracts.events.SegfoldEvent;
import dev.segfold.contracts.json.ContractJson;
import dev.segfold.contracts.status.StatusEnvelope;
import dev.segfold.contracts.topics.Service;
import dev.segfold.contracts.topics.Topics;
import dev.segfold.devstack.DevStack;
import dev.segfold.devstack.auth.ApiKeys;
import dev.segfold.service.storage.ObjectStore;
import dev.segfold.service.testing.ApiDevStackResource;
import dev.segfold.service.testing.InjectDevStack;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A fold that fails, with the real broker and S3 server (issue 9): a run is submitted, and a
 * trainer's failures are published on {@code segfold.status} as a trainer publishes them. A
 * retryable failure is requested again as attempt 2 after the backoff; the second failure is the
 * last of {@code max-attempts=2}, so the fold fails for good with the count and the run ends
 * {@code FAILED} with a {@code RunFailed} (what makes {@code ./segfold run} exit non-zero); then
 * {@code POST /runs/{id}/retry?fold=0} restarts it as attempt 3, refused to another submitter.
 */
@QuarkusTest
@WithTestResource(ApiDevStackResource.class)
@TestProfile(FoldFailurePathTest.QuickRetries.class)
class FoldFailurePathTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** Two attempts, one second apart, decided quickly. */
    public static class QuickRetries implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("segfold.config.retry.max-attempts", "2", "segfold.config.retry.backoff", "PT1S",
                    "segfold.config.retry.decision-delay", "PT0.3S");
        }
    }

    @InjectDevStack
    DevStack stack;

    @InjectDevStack
    ApiKeys keys;

    @Inject
    ObjectStore store;

    private String token(String who, ApiRole role) {
        return "Bearer " + keys.token(who, role, Duration.ofMinutes(10));
    }

    @Test
    void retriedThenFailedForGoodThenRetriedByItsSubmitter() throws Exception {
        String alice = token("alice", ApiRole.SUBMIT);
        String runId = submit(alice, "0, 1");
        FoldId fold0 = new FoldId(runId, "3d_fullres", 0, 0);
        FoldTrainingRequested first = requests(runId + "/0/0", 1).get(0);
        assertEquals(1, first.attempt());

        // poison on the fold's partition first: skipped by the projection, which goes on with what follows
        KafkaTopics.publishRawStatus(stack.bootstrapServers(), runId + "/0/0", "{not json");
        KafkaTopics.publishRawStatus(stack.bootstrapServers(), runId + "/0/0", "{\"type\": \"dev.segfold.Unknown\"}");
        // attempt 1 fails as the object store went away: retried as attempt 2, same request otherwise
        KafkaTopics.publishStatus(stack.bootstrapServers(), new FoldFailed(fold0, FailurePhase.TRAINING,
                "ObjectStoreException: Failed to connect to /127.0.0.1:9000", true, Instant.now(), 1), Service.TRAINER);
        FoldTrainingRequested second = requests(runId + "/0/0", 2).get(1);
        assertEquals(2, second.attempt());
        assertEquals(first.settings(), second.settings());
        assertEquals(first.configKey(), second.configKey());
        assertEquals(first.plansKey(), second.plansKey());
        await().atMost(WAIT).untilAsserted(() -> given().header("Authorization", alice).get("/runs/" + runId).then()
                .body("state", equalTo("RUNNING")).body("foldViews[0].state", equalTo("REQUESTED"))
                .body("foldViews[0].attempt", equalTo(2)));
        assertEquals(2, ContractJson.read(store.get(store.buckets().runs(), FoldAttempts.key(fold0)),
                FoldAttempts.class).attempt());

        // attempt 2 fails too: the last one; the fold and the run fail for good, naming reason and count
        KafkaTopics.publishStatus(stack.bootstrapServers(), new FoldFailed(fold0, FailurePhase.TRAINING,
                "ObjectStoreException: Failed to connect to /127.0.0.1:9000", true, Instant.now(), 2), Service.TRAINER);
        await().atMost(WAIT).untilAsserted(() -> given().header("Authorization", alice).get("/runs/" + runId).then()
                .body("state", equalTo("FAILED"))
                .body("failure", containsString("fold 0 failed for good after 2 attempts (TRAINING): "
                        + "ObjectStoreException: Failed to connect"))
                .body("foldViews[0].state", equalTo("FAILED"))
                .body("foldViews[0].retryableFailure", equalTo(false))
                .body("foldViews[0].failure", containsString("failed for good after 2 attempts")));
        List<SegfoldEvent> events = statusEvents(runId);
        assertTrue(events.stream().anyMatch(e -> e instanceof RunFailed r && r.reason().contains("after 2 attempts")),
                "a RunFailed on segfold.status: " + events);
        Thread.sleep(1500); // past the backoff: nothing more is requested
        assertEquals(2, requests(runId + "/0/0", 2).size());

        // another submitter may not retry it; its own submitter may
        ExtractableResponse<Response> bob = given().header("Authorization", token("bob", ApiRole.SUBMIT))
                .post("/runs/" + runId + "/retry?fold=0").then().extract();
        assertEquals(403, bob.statusCode(), bob.asString());
        ExtractableResponse<Response> none = given().header("Authorization", alice)
                .post("/runs/" + runId + "/retry?fold=1").then().extract();
        assertEquals(409, none.statusCode(), "fold 1 did not fail: " + none.asString());
        assertTrue(none.<String>path("detail").contains("no failed fold 1"), none.asString());
        ExtractableResponse<Response> retried = given().header("Authorization", alice)
                .post("/runs/" + runId + "/retry?fold=0").then().extract();
        assertEquals(202, retried.statusCode(), retried.asString());
        assertEquals(3, (int) retried.path("folds[0].attempt"));
        FoldTrainingRequested third = requests(runId + "/0/0", 3).get(2);
        assertEquals(3, third.attempt());
        await().atMost(WAIT).untilAsserted(() -> given().header("Authorization", alice).get("/runs/" + runId).then()
                .body("state", equalTo("RUNNING")).body("failure", nullValue())
                .body("foldViews[0].state", equalTo("REQUESTED")).body("foldViews[0].attempt", equalTo(3)));
        FoldAttempts round = ContractJson.read(store.get(store.buckets().runs(), FoldAttempts.key(fold0)),
                FoldAttempts.class);
        assertEquals(3, round.roundStart(), "a new round of attempts");
        assertEquals(null, round.gaveUpAt());
        assertFalse(events.stream().anyMatch(e -> e instanceof RunFailed r && r.reason().startsWith("cancelled")));
    }

    @Test
    void aRetryableEvaluationFailureAnnouncesTheFinalCheckpointAgainThenFailsTheRunAtTheLimit() throws Exception {
        String alice = token("alice", ApiRole.SUBMIT);
        String runId = submit(alice, "0");
        FoldId fold0 = new FoldId(runId, "3d_fullres", 0, 0);
        String manifest = fold0.layout().checkpoint(20).manifest();
        byte[] bytes = "{\"stand-in\": \"the trainer's manifest\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        store.put(store.buckets().runs(), manifest, bytes, "application/json");
        String notificationKey = store.buckets().runs() + "/" + manifest;
        assertEquals(1, KafkaTopics.records(stack.bootstrapServers(), Topics.STORAGE_EVENTS, notificationKey, 1).size());
        KafkaTopics.publishStatus(stack.bootstrapServers(), new FoldCheckpointed(fold0, 20, true, manifest, "0".repeat(64),
                Instant.now()), Service.TRAINER);

        // the evaluator could not finish (storage away past its deadline): the checkpoint is announced again
        KafkaTopics.publishStatus(stack.bootstrapServers(), new FoldFailed(fold0, FailurePhase.EVALUATION,
                "object store segfold-runs/" + manifest + ": connection refused", true, Instant.now(), 1),
                Service.EVALUATOR);
        assertEquals(2, KafkaTopics.records(stack.bootstrapServers(), Topics.STORAGE_EVENTS, notificationKey, 2).size(),
                "a second notification of the final manifest reached the evaluator's topic");
        assertEquals(new String(bytes, java.nio.charset.StandardCharsets.UTF_8), new String(store.get(store.buckets()
                .runs(), manifest), java.nio.charset.StandardCharsets.UTF_8), "the manifest itself is unchanged");

        // it fails again: with max-attempts 2 the fold and the run fail for good, naming the count
        KafkaTopics.publishStatus(stack.bootstrapServers(), new FoldFailed(fold0, FailurePhase.EVALUATION,
                "object store segfold-runs/" + manifest + ": connection refused", true, Instant.now(), 1),
                Service.EVALUATOR);
        await().atMost(WAIT).untilAsserted(() -> given().header("Authorization", alice).get("/runs/" + runId).then()
                .body("state", equalTo("FAILED"))
                .body("failure", containsString("fold 0 failed for good after 2 attempts (EVALUATION)")));
        dev.segfold.config.retry.EvaluationRetries recorded = ContractJson.read(store.get(store.buckets().runs(),
                dev.segfold.config.retry.EvaluationRetries.key(fold0)), dev.segfold.config.retry.EvaluationRetries.class);
        assertEquals(1, recorded.retries(), "announced again once, not a third time");
        assertEquals(manifest, recorded.manifestKey());
    }

    /** A run of {@code folds} (JSON list items), 20 iterations of a tiny network, as {@code bearer}. */
    private String submit(String bearer, String folds) {
        ExtractableResponse<Response> posted = given().header("Authorization", bearer).contentType("application/json")
                .body("{\"dataset\": \"" + TestData.dataset(store) + "\", \"configuration\": \"3d_fullres\","
                        + " \"folds\": [" + folds + "], \"iterations\": 20, \"saveInterval\": 10, \"logInterval\": 5,"
                        + " \"network\": {\"baseFeatures\": 4, \"maxPools\": 2}}")
                .post("/runs").then().extract();
        assertEquals(202, posted.statusCode(), posted.asString());
        return posted.path("runId");
    }

    private List<FoldTrainingRequested> requests(String key, int count) {
        List<FoldTrainingRequested> out = new ArrayList<>();
        KafkaTopics.records(stack.bootstrapServers(), Topics.FOLD_REQUESTS, key, count)
                .forEach(r -> out.add(ContractJson.read(r.value(), FoldTrainingRequested.class)));
        assertEquals(count, out.size(), "fold requests of " + key + ": " + out);
        out.sort(java.util.Comparator.comparingInt(FoldTrainingRequested::attempt));
        return out;
    }

    private List<SegfoldEvent> statusEvents(String runId) {
        List<SegfoldEvent> out = new ArrayList<>();
        KafkaTopics.readFromBeginning(stack.bootstrapServers(), Topics.STATUS, r -> {
            if (r.key() != null && r.key().startsWith(runId) && !r.value().equals("{not json")
                    && !r.value().contains("dev.segfold.Unknown")) { // the poison records left out
                out.add(ContractJson.read(r.value(), StatusEnvelope.class).event());
            }
        }, v -> out.stream().anyMatch(e -> e instanceof RunFailed), WAIT);
        return out;
    }
}
